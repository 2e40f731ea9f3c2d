//! The declarative checks a lesson step uses to tell when the learner has done it.

use crate::cluster::objects::{Kind, Object};
use crate::world::World;

/// An object a check looks at: `namespace/name` (or just `name` for cluster-wide kinds).
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub namespace: String,
    pub name: String,
}

/// One condition on the cluster or the console history.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// `namespace NAME exists`
    NamespaceExists(String),
    /// `current namespace NAME`: the kubeconfig's active namespace.
    CurrentNamespace(String),
    /// `pod NS/NAME PHASE` (e.g. Running).
    PodPhase(Target, String),
    /// `pod NS/NAME exists` (in any phase, not being deleted).
    PodExists(Target),
    /// `pod NS/NAME absent`
    PodAbsent(Target),
    /// `deployment NS/NAME ready N`
    DeploymentReady(Target, i64),
    /// `service NS/NAME type TYPE has external ip`
    ServiceExternalIp(Target, String),
    /// `command ran "TEXT"`: some history line contains TEXT.
    CommandRan(String),
}

impl Check {
    /// Parses the text after `check:`; the error says what was expected.
    pub fn parse(text: &str) -> Result<Check, String> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("command ran ") {
            let quoted = rest.trim();
            return match quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"')) {
                Some(inner) if !inner.is_empty() => Ok(Check::CommandRan(inner.to_string())),
                _ => Err("expected `command ran \"TEXT\"`".into()),
            };
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        match words.as_slice() {
            ["namespace", name, "exists"] => Ok(Check::NamespaceExists(name.to_string())),
            ["current", "namespace", name] => Ok(Check::CurrentNamespace(name.to_string())),
            ["pod", target, "exists"] => Ok(Check::PodExists(parse_target(target)?)),
            ["pod", target, "absent"] => Ok(Check::PodAbsent(parse_target(target)?)),
            ["pod", target, phase] => Ok(Check::PodPhase(parse_target(target)?, phase.to_string())),
            ["deployment", target, "ready", n] => {
                let n = n.parse().map_err(|_| format!("`{n}` is not a number of replicas"))?;
                Ok(Check::DeploymentReady(parse_target(target)?, n))
            }
            ["service", target, "type", kind, "has", "external", "ip"] => {
                Ok(Check::ServiceExternalIp(parse_target(target)?, kind.to_string()))
            }
            _ => Err(format!("unknown check `{text}`")),
        }
    }

    /// Whether the condition holds now; reads the cluster, never changes it.
    pub fn holds(&self, world: &World, history: &[String]) -> bool {
        let cluster = &world.cluster;
        let read = |kind: Kind, t: &Target| cluster.read(kind, &t.namespace, &t.name).ok();
        match self {
            Check::NamespaceExists(name) => cluster.read(Kind::Namespace, "", name).is_ok(),
            Check::CurrentNamespace(name) => world.kubeconfig.namespace() == *name,
            Check::PodPhase(t, phase) => {
                matches!(read(Kind::Pod, t), Some(Object::Pod(p)) if p.metadata.deletion_timestamp.is_none() && p.status.phase == *phase)
            }
            Check::PodExists(t) => {
                matches!(read(Kind::Pod, t), Some(Object::Pod(p)) if p.metadata.deletion_timestamp.is_none())
            }
            Check::PodAbsent(t) => read(Kind::Pod, t).is_none(),
            Check::DeploymentReady(t, n) => {
                matches!(read(Kind::Deployment, t), Some(Object::Deployment(d)) if d.status.ready_replicas.unwrap_or(0) >= *n)
            }
            Check::ServiceExternalIp(t, kind) => matches!(read(Kind::Service, t),
                Some(Object::Service(s)) if s.spec.type_ == *kind && !s.status.load_balancer.ingress.is_empty()),
            Check::CommandRan(text) => history.iter().any(|line| line.contains(text.as_str())),
        }
    }
}

fn parse_target(text: &str) -> Result<Target, String> {
    match text.split_once('/') {
        Some((ns, name)) if !ns.is_empty() && !name.is_empty() => {
            Ok(Target { namespace: ns.into(), name: name.into() })
        }
        _ => Err(format!("expected NAMESPACE/NAME, got `{text}`")),
    }
}
