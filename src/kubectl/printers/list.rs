//! The `kind: List` wrapper kubectl prints around several objects in `-o yaml|json`.

use crate::cluster::objects::Object;
use serde_json::{json, Value};

/// `{apiVersion: v1, items: [...], kind: List, metadata: {resourceVersion: ""}}`.
pub fn list_value(objects: &[Object]) -> Value {
    let items: Vec<Value> = objects.iter().map(Object::to_json).collect();
    json!({
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""}
    })
}
