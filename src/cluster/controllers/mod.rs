//! The controllers, one file each. Each is level-triggered: it looks at the store and the clock,
//! makes the changes it is responsible for, and says whether it changed anything.

pub mod container_env;
pub mod cronjob;
pub mod daemonset;
pub mod deployment;
pub mod endpoints;
pub mod garbage_collector;
pub mod ingress;
pub mod job;
pub mod kubelet;
pub mod namespace;
pub mod owned;
pub mod replicaset;
pub mod revisions;
pub mod scheduler;
pub mod service;
pub mod statefulset;
pub mod volume;

use super::objects::Time;
use super::Cluster;

/// Runs every controller once; true when any of them changed the store.
pub fn run_all(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    changed |= namespace::reconcile(cluster);
    changed |= garbage_collector::reconcile(cluster);
    changed |= deployment::reconcile(cluster);
    changed |= replicaset::reconcile(cluster);
    changed |= statefulset::reconcile(cluster);
    changed |= daemonset::reconcile(cluster);
    changed |= cronjob::reconcile(cluster);
    changed |= job::reconcile(cluster);
    changed |= scheduler::reconcile(cluster);
    changed |= volume::reconcile(cluster);
    changed |= kubelet::reconcile(cluster);
    changed |= endpoints::reconcile(cluster);
    changed |= service::reconcile(cluster);
    changed |= ingress::reconcile(cluster);
    changed
}

/// The earliest future instant any controller wants to be woken at.
pub fn next_wake(cluster: &Cluster) -> Option<Time> {
    [kubelet::next_wake(cluster), deployment::next_wake(cluster), service::next_wake(cluster), ingress::next_wake(cluster), volume::next_wake(cluster), daemonset::next_wake(cluster), job::next_wake(cluster), cronjob::next_wake(cluster)].into_iter().flatten().min()
}
