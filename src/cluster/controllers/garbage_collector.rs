//! The garbage_collector controller.

use crate::cluster::Cluster;

/// One pass of the garbage_collector controller; true when it changed anything.
pub fn reconcile(_cluster: &mut Cluster) -> bool {
    false
}
