//! The replicaset controller.

use crate::cluster::Cluster;

/// One pass of the replicaset controller; true when it changed anything.
pub fn reconcile(_cluster: &mut Cluster) -> bool {
    false
}
