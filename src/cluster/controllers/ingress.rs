//! The ingress-nginx controller (v1.13, installed in namespace `ingress-nginx`): it serves the
//! Ingresses of its class, publishes its load balancer's address in their status a few seconds
//! after it first sees them, and runs the validating admission webhook the API server calls on
//! every Ingress create and update.

use crate::cluster::api_error::ApiError;
use crate::cluster::objects::ingress::{IngressLoadBalancerIngress, INGRESS_CLASS_ANNOTATION};
use crate::cluster::objects::{Event, Ingress, Kind, Object, Service, Time};
use crate::cluster::Cluster;

/// Where the controller runs.
pub const CONTROLLER_NAMESPACE: &str = "ingress-nginx";
/// The controller's LoadBalancer Service, whose public IP the Ingresses publish.
pub const CONTROLLER_SERVICE: &str = "ingress-nginx-controller";
/// The Service in front of the admission webhook; without it no webhook is configured.
pub const ADMISSION_SERVICE: &str = "ingress-nginx-controller-admission";
/// The IngressClass the controller installs.
pub const CLASS_NAME: &str = "nginx";
/// `spec.controller` of the classes this controller serves.
pub const CONTROLLER_ID: &str = "k8s.io/ingress-nginx";
/// The webhook's name, as its denials quote it.
pub const WEBHOOK_NAME: &str = "validate.nginx.ingress.kubernetes.io";
/// The event source of the controller's events.
const COMPONENT: &str = "nginx-ingress-controller";
/// How long after the first sync the status carries the address (the status sync loop).
pub const STATUS_DELAY_MS: i64 = 10_000;

/// Whether this controller serves `ing`: its `ingressClassName` names a class of ours, or (with
/// no class name) its legacy annotation says `nginx`. Ingresses without any class are ignored,
/// as with the default `--watch-ingress-without-class=false`.
pub fn serves(cluster: &Cluster, ing: &Ingress) -> bool {
    match &ing.spec.ingress_class_name {
        Some(name) => matches!(
            cluster.get(Kind::IngressClass, "", name),
            Some(Object::IngressClass(class)) if class.spec.controller == CONTROLLER_ID
        ),
        None => ing.metadata.annotations.get(INGRESS_CLASS_ANNOTATION).is_some_and(|c| c == CLASS_NAME),
    }
}

/// Every Ingress in the cluster.
pub fn ingresses(cluster: &Cluster) -> Vec<Ingress> {
    cluster
        .store
        .list(Kind::Ingress, None)
        .into_iter()
        .filter_map(|o| if let Object::Ingress(i) = o { Some(i.clone()) } else { None })
        .collect()
}

/// The controller's public address: its Service's load balancer IP, once the cloud gave one.
pub fn controller_address(cluster: &Cluster) -> Option<String> {
    match cluster.get(Kind::Service, CONTROLLER_NAMESPACE, CONTROLLER_SERVICE) {
        Some(Object::Service(Service { status, .. })) => status
            .load_balancer
            .ingress
            .iter()
            .map(|i| if i.ip.is_empty() { i.hostname.clone() } else { i.ip.clone() })
            .find(|a| !a.is_empty()),
        _ => None,
    }
}

/// One pass: records a sync for every newly seen Ingress of our class, publishes the address
/// once the status loop has run, and withdraws it from Ingresses no longer ours.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    let address = controller_address(cluster);
    for ing in ingresses(cluster) {
        if ing.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let published = !ing.status.load_balancer.ingress.is_empty();
        if !serves(cluster, &ing) {
            if published {
                changed |= publish(cluster, ing, None);
            }
            continue;
        }
        let Some(first_sync) = first_sync(cluster, &ing) else {
            cluster.record_event(&Object::Ingress(ing), "Normal", "Sync", "Scheduled for sync", COMPONENT, "");
            changed = true;
            continue;
        };
        let due = first_sync.plus_ms(STATUS_DELAY_MS) <= cluster.now();
        let wanted = address.clone().filter(|_| due);
        let current = ing.addresses().first().cloned();
        if wanted.is_some() && wanted != current {
            changed |= publish(cluster, ing, wanted);
        }
    }
    changed
}

/// When the next status sync is due.
pub fn next_wake(cluster: &Cluster) -> Option<Time> {
    controller_address(cluster)?;
    ingresses(cluster)
        .iter()
        .filter(|i| i.status.load_balancer.ingress.is_empty() && serves(cluster, i))
        .filter_map(|i| first_sync(cluster, i))
        .map(|t| t.plus_ms(STATUS_DELAY_MS))
        .min()
}

fn first_sync(cluster: &Cluster, ing: &Ingress) -> Option<Time> {
    cluster
        .events_about(&ing.metadata.uid)
        .iter()
        .find(|e: &&Event| e.reason == "Sync" && e.source.component == COMPONENT)
        .and_then(|e| e.first_timestamp)
}

fn publish(cluster: &mut Cluster, mut ing: Ingress, address: Option<String>) -> bool {
    ing.status.load_balancer.ingress =
        address.iter().map(|ip| IngressLoadBalancerIngress { ip: ip.clone(), ..Default::default() }).collect();
    let object = Object::Ingress(ing.clone());
    if cluster.update_status(Object::Ingress(ing)).is_err() {
        return false;
    }
    if address.is_some() {
        cluster.record_event(&object, "Normal", "Sync", "Scheduled for sync", COMPONENT, "");
    }
    true
}

/// The validating webhook, as the API server calls it before storing an Ingress: the warnings
/// it returns for any Ingress, and a denial when an Ingress of our class has paths that
/// `strict-validate-path-type` (on by default since v1.12) rejects.
pub fn admission_review(cluster: &Cluster, object: &Object) -> (Vec<String>, Result<(), ApiError>) {
    let Object::Ingress(ing) = object else { return (Vec::new(), Ok(())) };
    if cluster.get(Kind::Service, CONTROLLER_NAMESPACE, ADMISSION_SERVICE).is_none() {
        return (Vec::new(), Ok(()));
    }
    let problems = invalid_paths(ing);
    if problems.is_empty() || !serves(cluster, ing) {
        return (problems, Ok(()));
    }
    let denial = ApiError::bad_request(format!(
        "admission webhook \"{WEBHOOK_NAME}\" denied the request: ingress contains invalid paths: {}",
        problems.join("\n")
    ));
    (problems, Err(denial))
}

/// `path /x(.*) cannot be used with pathType Prefix` for each Exact or Prefix path with anything
/// but letters, digits, `_`, `-` and `/`.
pub fn invalid_paths(ing: &Ingress) -> Vec<String> {
    ing.paths()
        .filter(|(_, p)| !p.path.is_empty() && p.path_type != "ImplementationSpecific")
        .filter(|(_, p)| !is_plain_path(&p.path))
        .map(|(_, p)| format!("path {} cannot be used with pathType {}", p.path, p.path_type))
        .collect()
}

fn is_plain_path(path: &str) -> bool {
    path.starts_with('/') && path.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '/')
}

#[cfg(test)]
mod tests;
