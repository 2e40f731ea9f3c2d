//! The kubelets of all nodes.

use crate::cluster::objects::Time;
use crate::cluster::Cluster;
use serde::{Deserialize, Serialize};

/// What the kubelets know that the API does not.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct KubeletState {}

/// One pass of every kubelet; true when it changed anything.
pub fn reconcile(_cluster: &mut Cluster) -> bool {
    false
}

/// The next instant a container or image pull changes by itself.
pub fn next_wake(_cluster: &Cluster) -> Option<Time> {
    None
}
