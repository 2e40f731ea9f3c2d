//! What the cluster view shows, computed from the store in one pass: plain data with equality,
//! so a memo re-renders only what changed. Nothing here touches the DOM.

use crate::cluster::objects::{Kind, Object, Pod};
use crate::kubectl::printers::pod_status::summarize;
use crate::world::World;

/// The annotation a Deployment puts on each of its ReplicaSets.
const REVISION_ANNOTATION: &str = "deployment.kubernetes.io/revision";

/// A pod as a box: name, kubectl's STATUS text and the colour family of that status.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodCard {
    /// `namespace/name`, unique across namespaces.
    pub key: String,
    pub namespace: String,
    pub name: String,
    pub status: String,
    /// CSS class of the status family (`pending`, `running`, ...).
    pub tone: &'static str,
    pub ready: String,
    pub restarts: String,
    pub node: String,
    /// Gone from the store, shown a moment longer so it can fade out.
    pub exiting: bool,
}

/// A ReplicaSet with its revision, pod-template-hash and pods.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReplicaSetCard {
    pub key: String,
    pub namespace: String,
    pub name: String,
    pub revision: String,
    pub hash: String,
    pub desired: i64,
    pub ready: i64,
    pub pods: Vec<PodCard>,
}

/// A Deployment with its ReplicaSets, newest revision first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeploymentCard {
    pub key: String,
    pub namespace: String,
    pub name: String,
    /// `ready/desired`, as the READY column shows it.
    pub ready: String,
    pub replica_sets: Vec<ReplicaSetCard>,
}

/// A node as an area holding the pods bound to it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeCard {
    pub name: String,
    pub ready: bool,
    pub pods: Vec<PodCard>,
}

/// A Service and the pods it routes to: the ready addresses of its Endpoints (what traffic really
/// reaches), not what its selector would pick.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceCard {
    pub key: String,
    pub namespace: String,
    pub name: String,
    pub type_: String,
    pub cluster_ip: String,
    /// A LoadBalancer's public address once the cloud gave one, `<pending>` until then (empty
    /// for other types): the learner waits for it to browse the app.
    pub external_ip: String,
    /// Names of the pods behind the ready addresses (or the bare IP of an address no pod has),
    /// in the Endpoints' order.
    pub pods: Vec<String>,
    /// Names of the pods behind the not-ready addresses: selected, but no traffic reaches them yet.
    pub waiting_pods: Vec<String>,
}

/// An Ingress and its rules as `host/path → service:port` lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IngressCard {
    pub key: String,
    pub namespace: String,
    pub name: String,
    pub class: String,
    pub address: String,
    pub rules: Vec<String>,
    /// Names of the Services its rules and default backend send to, each once.
    pub services: Vec<String>,
}

/// What a line of the cluster view joins: a Service to a pod its Endpoints list, or an Ingress
/// to a Service its rules name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// A ready endpoint: traffic reaches this pod.
    Ready,
    /// A not-ready endpoint: selected, but not routed to yet.
    NotReady,
    /// An Ingress rule naming a Service.
    Route,
}

/// One line to draw between two cards, named by their [`card_key`]s.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Link {
    /// The Service or Ingress card the line starts at.
    pub from: String,
    /// The pod or Service card it ends at.
    pub to: String,
    /// How it is drawn.
    pub kind: LinkKind,
}

/// The latest request through the cluster: its sequence number and the cards it went through,
/// in order, as [`card_key`]s.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traffic {
    pub seq: u64,
    pub path: Vec<String>,
}

/// The key a card answers to in [`Traffic::path`]: kind tag and `namespace/name`.
pub fn card_key(kind: &str, namespace: &str, name: &str) -> String {
    format!("{kind}:{namespace}/{name}")
}

/// Everything the cluster view draws for one namespace filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterModel {
    /// Every namespace, for the filter.
    pub namespaces: Vec<String>,
    pub nodes: Vec<NodeCard>,
    /// Pods no node has taken yet.
    pub unscheduled: Vec<PodCard>,
    pub deployments: Vec<DeploymentCard>,
    /// ReplicaSets no Deployment owns.
    pub replica_sets: Vec<ReplicaSetCard>,
    /// Pods no ReplicaSet owns.
    pub bare_pods: Vec<PodCard>,
    pub services: Vec<ServiceCard>,
    pub ingresses: Vec<IngressCard>,
    /// StatefulSets, DaemonSets, CronJobs and Jobs with their pods, and the config and storage row.
    pub workloads: super::cluster_workloads::Workloads,
}

impl ClusterModel {
    /// The Deployment under `key`.
    pub fn deployment(&self, key: &str) -> Option<&DeploymentCard> {
        self.deployments.iter().find(|d| d.key == key)
    }

    /// The ReplicaSet under `key`, owned or not.
    pub fn replica_set(&self, key: &str) -> Option<&ReplicaSetCard> {
        self.deployments
            .iter()
            .flat_map(|d| d.replica_sets.iter())
            .chain(self.replica_sets.iter())
            .find(|r| r.key == key)
    }

    /// Every pod card, wherever it is shown.
    pub fn pods(&self) -> impl Iterator<Item = &PodCard> {
        self.nodes.iter().flat_map(|n| n.pods.iter()).chain(self.unscheduled.iter())
    }

    /// The key of the ReplicaSet showing the pod under `pod_key`, if one does.
    pub fn replica_set_of(&self, pod_key: &str) -> Option<String> {
        self.deployments
            .iter()
            .flat_map(|d| d.replica_sets.iter())
            .chain(self.replica_sets.iter())
            .find(|r| r.pods.iter().any(|p| p.key == pod_key))
            .map(|r| r.key.clone())
            .or_else(|| self.workloads.group_of(pod_key))
    }

    /// Puts a departed pod back where it was shown, marked as exiting.
    pub fn add_exiting(&mut self, ghost: &ExitingPod) {
        let mut card = ghost.card.clone();
        card.exiting = true;
        match &ghost.replica_set {
            Some(rs_key) => {
                let set = self
                    .deployments
                    .iter_mut()
                    .flat_map(|d| d.replica_sets.iter_mut())
                    .chain(self.replica_sets.iter_mut())
                    .find(|r| &r.key == rs_key);
                match set {
                    Some(set) => set.pods.push(card.clone()),
                    None => {
                        self.workloads.add_exiting(rs_key, &card);
                    }
                }
            }
            None => self.bare_pods.push(card.clone()),
        }
        match self.nodes.iter_mut().find(|n| n.name == card.node) {
            Some(node) => node.pods.push(card),
            None => self.unscheduled.push(card),
        }
    }

    /// The node named `name`.
    pub fn node(&self, name: &str) -> Option<&NodeCard> {
        self.nodes.iter().find(|n| n.name == name)
    }

    /// The lines between cards: each Service to the pods of its Endpoints (only pods shown
    /// here), each Ingress to the Services it names (only Services shown here).
    pub fn links(&self) -> Vec<Link> {
        let mut links = Vec::new();
        for service in &self.services {
            let from = card_key("svc", &service.namespace, &service.name);
            let kinds = [(&service.pods, LinkKind::Ready), (&service.waiting_pods, LinkKind::NotReady)];
            for (names, kind) in kinds {
                for pod in names {
                    let pod_key = format!("{}/{}", service.namespace, pod);
                    if self.pods().any(|p| p.key == pod_key && !p.exiting) {
                        links.push(Link { from: from.clone(), to: card_key("pod", &service.namespace, pod), kind });
                    }
                }
            }
        }
        for ingress in &self.ingresses {
            let from = card_key("ing", &ingress.namespace, &ingress.name);
            for name in &ingress.services {
                if self.services.iter().any(|s| s.namespace == ingress.namespace && &s.name == name) {
                    links.push(Link { from: from.clone(), to: card_key("svc", &ingress.namespace, name), kind: LinkKind::Route });
                }
            }
        }
        links
    }

    /// Whether some text shown depends on the virtual clock (a restart's `(25s ago)`), so the
    /// model must be rebuilt as time passes and not only when the store changes.
    pub fn shows_time(&self) -> bool {
        self.pods().any(|p| p.restarts.contains(" ago)")) || self.workloads.shows_time()
    }
}

/// A pod that just left the store, with where it was shown and until when (real milliseconds).
#[derive(Clone, Debug)]
pub struct ExitingPod {
    pub card: PodCard,
    pub replica_set: Option<String>,
    pub until_ms: f64,
}

/// Builds the model of `world`, showing only `namespace` (all namespaces when `None`).
pub fn build(world: &World, namespace: Option<&str>) -> ClusterModel {
    let cluster = &world.cluster;
    let now = cluster.now();
    let store = &cluster.store;
    let namespaces = store.list(Kind::Namespace, None).iter().map(|o| o.meta().name.clone()).collect();

    let pods: Vec<(&Pod, PodCard)> = store
        .list(Kind::Pod, namespace)
        .into_iter()
        .filter_map(|o| match o {
            Object::Pod(pod) => Some((pod, pod_card(pod, now))),
            _ => None,
        })
        .collect();
    let owner_of = |pod: &Pod| pod.metadata.owner_references.iter().find(|r| r.kind == "ReplicaSet").map(|r| r.name.clone());

    let mut nodes: Vec<NodeCard> = store
        .list(Kind::Node, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::Node(node) => Some(NodeCard {
                name: node.metadata.name.clone(),
                ready: node.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True"),
                pods: Vec::new(),
            }),
            _ => None,
        })
        .collect();
    let mut unscheduled = Vec::new();
    for (pod, card) in &pods {
        match nodes.iter_mut().find(|n| n.name == pod.spec.node_name) {
            Some(node) => node.pods.push(card.clone()),
            None => unscheduled.push(card.clone()),
        }
    }

    let mut replica_sets: Vec<(Option<String>, ReplicaSetCard)> = store
        .list(Kind::ReplicaSet, namespace)
        .into_iter()
        .filter_map(|o| match o {
            Object::ReplicaSet(rs) => {
                let meta = &rs.metadata;
                let owner = meta.owner_references.iter().find(|r| r.kind == "Deployment").map(|r| r.name.clone());
                let rs_pods = pods
                    .iter()
                    .filter(|(pod, _)| pod.metadata.namespace == meta.namespace && owner_of(pod).as_deref() == Some(&meta.name))
                    .map(|(_, card)| card.clone())
                    .collect();
                Some((
                    owner,
                    ReplicaSetCard {
                        key: format!("{}/{}", meta.namespace, meta.name),
                        namespace: meta.namespace.clone(),
                        name: meta.name.clone(),
                        revision: meta.annotations.get(REVISION_ANNOTATION).cloned().unwrap_or_default(),
                        hash: meta.labels.get("pod-template-hash").cloned().unwrap_or_default(),
                        desired: rs.spec.replicas.unwrap_or(1),
                        ready: rs.status.ready_replicas.unwrap_or(0),
                        pods: rs_pods,
                    },
                ))
            }
            _ => None,
        })
        .collect();
    // Newest revision first, so the rollout's new ReplicaSet leads.
    replica_sets.sort_by_key(|(_, rs)| std::cmp::Reverse(rs.revision.parse::<i64>().unwrap_or(0)));

    let deployments: Vec<DeploymentCard> = store
        .list(Kind::Deployment, namespace)
        .into_iter()
        .filter_map(|o| match o {
            Object::Deployment(d) => {
                let meta = &d.metadata;
                let owned = replica_sets
                    .iter()
                    .filter(|(owner, rs)| owner.as_deref() == Some(&meta.name) && rs.namespace == meta.namespace)
                    .map(|(_, rs)| rs.clone())
                    .collect();
                Some(DeploymentCard {
                    key: format!("{}/{}", meta.namespace, meta.name),
                    namespace: meta.namespace.clone(),
                    name: meta.name.clone(),
                    ready: format!("{}/{}", d.status.ready_replicas.unwrap_or(0), d.spec.replicas.unwrap_or(1)),
                    replica_sets: owned,
                })
            }
            _ => None,
        })
        .collect();
    let orphan_sets = replica_sets
        .iter()
        .filter(|(owner, rs)| {
            !owner.as_ref().is_some_and(|o| deployments.iter().any(|d| &d.name == o && d.namespace == rs.namespace))
        })
        .map(|(_, rs)| rs.clone())
        .collect();
    let workloads = super::cluster_workloads::build(world, namespace, &pods, now);
    let bare_pods = pods
        .iter()
        .filter(|(pod, card)| owner_of(pod).is_none() && workloads.pod_keys().all(|k| *k != card.key))
        .map(|(_, card)| card.clone())
        .collect();

    let services = store
        .list(Kind::Service, namespace)
        .into_iter()
        .filter_map(|o| match o {
            Object::Service(svc) => {
                let meta = &svc.metadata;
                Some(ServiceCard {
                    key: format!("{}/{}", meta.namespace, meta.name),
                    namespace: meta.namespace.clone(),
                    name: meta.name.clone(),
                    type_: svc.spec.type_.clone(),
                    cluster_ip: svc.spec.cluster_ip.clone(),
                    external_ip: external_ip(svc),
                    pods: routed_pods(world, &meta.namespace, &meta.name, true),
                    waiting_pods: routed_pods(world, &meta.namespace, &meta.name, false),
                })
            }
            _ => None,
        })
        .collect();
    let ingresses = store
        .list(Kind::Ingress, namespace)
        .into_iter()
        .filter_map(|o| match o {
            Object::Ingress(ing) => Some(ingress_card(ing)),
            _ => None,
        })
        .collect();

    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    ClusterModel { namespaces, nodes, unscheduled, deployments, replica_sets: orphan_sets, bare_pods, services, ingresses, workloads }
}

/// The pods behind the ready (or, with `ready` false, the not-ready) addresses of the Endpoints
/// named like the Service: by target reference, or else by pod IP, or else the IP itself.
fn routed_pods(world: &World, namespace: &str, name: &str, ready: bool) -> Vec<String> {
    let store = &world.cluster.store;
    let Some(Object::Endpoints(endpoints)) = store.list(Kind::Endpoints, Some(namespace)).into_iter().find(|o| o.meta().name == name) else {
        return Vec::new();
    };
    let pods = store.list(Kind::Pod, Some(namespace));
    let by_ip = |ip: &str| {
        pods.iter().find_map(|o| match o {
            Object::Pod(pod) if !ip.is_empty() && pod.status.pod_ip == ip => Some(pod.metadata.name.clone()),
            _ => None,
        })
    };
    let mut names: Vec<String> = Vec::new();
    let addresses = endpoints.subsets.iter().flat_map(|s| if ready { s.addresses.iter() } else { s.not_ready_addresses.iter() });
    for address in addresses {
        let pod = match &address.target_ref {
            Some(target) if target.kind == "Pod" && !target.name.is_empty() => Some(target.name.clone()),
            _ => by_ip(&address.ip),
        };
        // An address outside the pods (the API server behind `kubernetes`) shows as its IP.
        let pod = pod.or_else(|| (!address.ip.is_empty()).then(|| address.ip.clone()));
        if let Some(pod) = pod.filter(|p| !names.contains(p)) {
            names.push(pod);
        }
    }
    names
}

/// An Ingress as a card: class, address and one line per path.
fn ingress_card(ing: &crate::cluster::objects::Ingress) -> IngressCard {
    let meta = &ing.metadata;
    let backend = |b: &crate::cluster::objects::ingress::IngressBackend| match &b.service {
        Some(svc) => {
            let port = svc.port.number.map_or_else(|| svc.port.name.clone(), |n| n.to_string());
            format!("{}:{}", svc.name, port)
        }
        None => "(resource)".to_string(),
    };
    let mut rules: Vec<String> =
        ing.paths().map(|(host, path)| format!("{}{} → {}", if host.is_empty() { "*" } else { host }, path.path, backend(&path.backend))).collect();
    if let Some(default) = &ing.spec.default_backend {
        rules.push(format!("default → {}", backend(default)));
    }
    let mut services: Vec<String> = Vec::new();
    let backends = ing.paths().map(|(_, path)| &path.backend).chain(ing.spec.default_backend.iter());
    for name in backends.filter_map(|b| b.service.as_ref()).map(|s| &s.name) {
        if !name.is_empty() && !services.contains(name) {
            services.push(name.clone());
        }
    }
    IngressCard {
        key: format!("{}/{}", meta.namespace, meta.name),
        namespace: meta.namespace.clone(),
        name: meta.name.clone(),
        class: ing.requested_class().unwrap_or_default().to_string(),
        address: ing.addresses().join(","),
        rules,
        services,
    }
}

/// The latest exchange of the network as the cards it went through. A LoadBalancer hop lights
/// the Service owning that IP; port-forwards and the ingress controller have no card.
pub fn traffic(world: &World) -> Traffic {
    let cluster = &world.cluster;
    let Some((seq, exchange)) = cluster.network.recent.last() else { return Traffic::default() };
    let mut path = Vec::new();
    for hop in &exchange.hops {
        use crate::cluster::network::Hop;
        let key = match hop {
            Hop::Service { namespace, name } => card_key("svc", namespace, name),
            Hop::Ingress { namespace, name } => card_key("ing", namespace, name),
            Hop::Pod { namespace, name, .. } => card_key("pod", namespace, name),
            Hop::LoadBalancer { ip } => match service_with_ip(world, ip) {
                Some(key) => key,
                None => continue,
            },
            Hop::PortForward { .. } | Hop::IngressController { .. } => continue,
        };
        if !path.contains(&key) {
            path.push(key);
        }
    }
    Traffic { seq: *seq, path }
}

/// The card key of the LoadBalancer Service whose status holds `ip`.
fn service_with_ip(world: &World, ip: &str) -> Option<String> {
    world.cluster.store.list(Kind::Service, None).into_iter().find_map(|o| match o {
        Object::Service(svc) if svc.status.load_balancer.ingress.iter().any(|i| i.ip == ip) => {
            Some(card_key("svc", &svc.metadata.namespace, &svc.metadata.name))
        }
        _ => None,
    })
}

fn pod_card(pod: &Pod, now: crate::cluster::objects::Time) -> PodCard {
    let summary = summarize(pod, now);
    PodCard {
        key: format!("{}/{}", pod.metadata.namespace, pod.metadata.name),
        namespace: pod.metadata.namespace.clone(),
        name: pod.metadata.name.clone(),
        tone: tone(&summary.status),
        status: summary.status,
        ready: summary.ready,
        restarts: summary.restarts,
        node: pod.spec.node_name.clone(),
        exiting: false,
    }
}

/// The colour family of a STATUS text.
fn tone(status: &str) -> &'static str {
    match status {
        "Running" => "running",
        "Terminating" => "terminating",
        "Completed" | "Succeeded" => "completed",
        "Pending" | "ContainerCreating" | "PodInitializing" => "pending",
        s if s.starts_with("Init:") && !s.contains("Err") && !s.contains("BackOff") => "pending",
        _ => "failing",
    }
}

/// What `kubectl get svc` shows as EXTERNAL-IP for a LoadBalancer (empty for other types).
fn external_ip(svc: &crate::cluster::objects::service::Service) -> String {
    if svc.type_name() != "LoadBalancer" {
        return String::new();
    }
    let addresses: Vec<&str> = svc
        .status
        .load_balancer
        .ingress
        .iter()
        .map(|i| if i.ip.is_empty() { i.hostname.as_str() } else { i.ip.as_str() })
        .filter(|a| !a.is_empty())
        .collect();
    if addresses.is_empty() { "<pending>".to_string() } else { addresses.join(",") }
}
