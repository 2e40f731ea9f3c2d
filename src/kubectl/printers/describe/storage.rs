//! `kubectl describe` for StatefulSets and the storage kinds.

use crate::cluster::objects::{Event, Object, Time};
use crate::cluster::Cluster;

/// The describe text of a StatefulSet, claim, volume or class.
pub fn describe_storage(_cluster: &Cluster, _object: &Object, _events: &[Event], _now: Time) -> Option<String> {
    None
}
