//! `-o name`: `pod/nginx`, `deployment.apps/web`, one per line.

use crate::cluster::objects::Object;

/// The `-o name` line of an object (without newline).
pub fn name_of(object: &Object) -> String {
    format!("{}/{}", object.kind().name_prefix(), object.meta().name)
}

/// The `-o name` text of several objects, one per line.
pub fn to_names(objects: &[Object]) -> String {
    objects.iter().map(|o| format!("{}\n", name_of(o))).collect()
}
