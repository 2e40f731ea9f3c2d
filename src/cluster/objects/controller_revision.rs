//! ControllerRevisions (`apps/v1`): immutable snapshots of a StatefulSet's pod template, one per
//! distinct template, numbered in the order they were rolled out. `rollout history` lists them
//! and `rollout undo` copies one back into the set.

use super::meta::ObjectMeta;
use super::pod::PodTemplateSpec;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A ControllerRevision: the `data` patch that restores a template, and its `revision` number.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControllerRevision {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    #[serde(default)]
    pub revision: i64,
}

impl ControllerRevision {
    /// The `data` a StatefulSet revision stores: a strategic-merge patch replacing the template.
    pub fn data_for_template(template: &PodTemplateSpec) -> Value {
        let mut value = serde_json::to_value(template).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut value {
            map.insert("$patch".into(), Value::String("replace".into()));
        }
        serde_json::json!({ "spec": { "template": value } })
    }

    /// The pod template recorded in `data`, when it holds one.
    pub fn template(&self) -> Option<PodTemplateSpec> {
        let mut value = self.data.as_ref()?.get("spec")?.get("template")?.clone();
        if let Value::Object(map) = &mut value {
            map.remove("$patch");
        }
        serde_json::from_value(value).ok()
    }

    /// The controller owning this revision, as `<resource>.<group>/<name>` for the CONTROLLER column.
    pub fn controller(&self) -> Option<String> {
        let owner = self.metadata.owner_references.iter().find(|r| r.controller == Some(true))?;
        let group = owner.api_version.split_once('/').map(|(g, _)| g).unwrap_or("");
        let kind = owner.kind.to_ascii_lowercase();
        Some(if group.is_empty() { format!("{kind}/{}", owner.name) } else { format!("{kind}.{group}/{}", owner.name) })
    }
}
