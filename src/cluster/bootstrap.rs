//! The starting cluster.

use super::Cluster;

/// Creates the objects a fresh workshop cluster has.
pub fn populate(_cluster: &mut Cluster) {}
