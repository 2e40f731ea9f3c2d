//! `kubectl describe` printers, one file per kind, on a Go-tabwriter-compatible aligner so the
//! layouts match the real client's byte for byte.

pub mod common;
pub mod config;
pub mod deployment;
pub mod generic;
pub mod ingress;
pub mod namespace;
pub mod node;
pub mod pod;
pub mod replicaset;
pub mod service;
pub mod storage;
pub mod tabwriter;
pub mod workloads;
pub mod writer;

use crate::cluster::objects::{EndpointSlice, Kind, Object, Pod};
use crate::cluster::Cluster;
use crate::kubectl::rollout::revisions::{new_and_old, owned_replica_sets};

/// The describe text of any stored object, or `None` for kinds kubectl has no describer for.
pub fn describe_object(cluster: &Cluster, object: &Object) -> Option<String> {
    let now = cluster.now();
    let events = cluster.events_about(&object.meta().uid);
    let text = match object {
        Object::Pod(pod) => pod::describe_pod(pod, &events, now),
        Object::Deployment(d) => {
            let (new_rs, old) = new_and_old(d, owned_replica_sets(cluster, d));
            deployment::describe_deployment(d, new_rs.as_ref(), &old, &events, now)
        }
        Object::ReplicaSet(rs) => {
            let pods: Vec<Pod> = pods_in(cluster, &rs.metadata.namespace)
                .into_iter()
                .filter(|p| {
                    p.metadata.owner_references.iter().any(|o| o.controller == Some(true) && o.uid == rs.metadata.uid)
                })
                .collect();
            replicaset::describe_replica_set(rs, &pods, &events, now)
        }
        Object::Node(node) => {
            let pods: Vec<Pod> = pods_in_all(cluster)
                .into_iter()
                .filter(|p| p.spec.node_name == node.metadata.name && !p.is_terminal())
                .collect();
            node::describe_node(node, &pods, &events, now)
        }
        Object::Namespace(ns) => namespace::describe_namespace(ns),
        Object::Service(svc) => {
            let slices: Vec<EndpointSlice> = cluster
                .list(Kind::EndpointSlice, Some(&svc.metadata.namespace))
                .into_iter()
                .filter_map(|o| if let Object::EndpointSlice(s) = o { Some(s) } else { None })
                .filter(|s| s.metadata.labels.get("kubernetes.io/service-name") == Some(&svc.metadata.name))
                .collect();
            service::describe_service(svc, &slices, &events, now)
        }
        Object::Endpoints(ep) => service::describe_endpoints(ep, &events, now),
        Object::Ingress(ing) => ingress::describe_ingress(cluster, ing, &events, now),
        Object::IngressClass(class) => ingress::describe_ingress_class(class),
        Object::ConfigMap(cm) => config::describe_configmap(cm, &events, now),
        Object::Secret(secret) => config::describe_secret(secret),
        Object::StatefulSet(_) | Object::PersistentVolumeClaim(_) | Object::PersistentVolume(_) | Object::StorageClass(_) => {
            return storage::describe_storage(cluster, object, &events, now);
        }
        Object::ControllerRevision(_) => generic::describe_generic(object, &events, now),
        Object::DaemonSet(ds) => {
            let pods: Vec<Pod> = pods_in(cluster, &ds.metadata.namespace)
                .into_iter()
                .filter(|p| p.metadata.owner_references.iter().any(|o| o.controller == Some(true) && o.uid == ds.metadata.uid))
                .collect();
            workloads::describe_daemon_set(ds, &pods, &events, now)
        }
        Object::Job(job) => workloads::describe_job(job, &events, now),
        Object::CronJob(cj) => workloads::describe_cron_job(cj, &events, now),
        Object::Event(_) | Object::EndpointSlice(_) => return None,
    };
    Some(text)
}

fn pods_in(cluster: &Cluster, namespace: &str) -> Vec<Pod> {
    cluster
        .list(Kind::Pod, Some(namespace))
        .into_iter()
        .filter_map(|o| if let Object::Pod(p) = o { Some(p) } else { None })
        .collect()
}

fn pods_in_all(cluster: &Cluster) -> Vec<Pod> {
    cluster
        .list(Kind::Pod, None)
        .into_iter()
        .filter_map(|o| if let Object::Pod(p) = o { Some(p) } else { None })
        .collect()
}

#[cfg(test)]
mod tests;
