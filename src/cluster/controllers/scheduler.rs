//! The scheduler controller.

use crate::cluster::Cluster;

/// One pass of the scheduler controller; true when it changed anything.
pub fn reconcile(_cluster: &mut Cluster) -> bool {
    false
}
