//! The deployment controller.

use crate::cluster::objects::Time;
use crate::cluster::Cluster;

/// One pass of the deployment controller; true when it changed anything.
pub fn reconcile(_cluster: &mut Cluster) -> bool {
    false
}

/// When a pod becomes available after `minReadySeconds`.
pub fn next_wake(_cluster: &Cluster) -> Option<Time> {
    None
}
