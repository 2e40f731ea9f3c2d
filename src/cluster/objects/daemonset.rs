//! DaemonSets (`apps/v1`): one pod per eligible node, as kube-proxy and the CNI run.

use super::meta::{LabelSelector, ObjectMeta};
use super::pod::PodTemplateSpec;
use super::workload::{IntOrString, WorkloadCondition};
use serde::{Deserialize, Serialize};

/// A DaemonSet: declares a pod template that runs once on every matching node.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSet {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: DaemonSetSpec,
    #[serde(default)]
    pub status: DaemonSetStatus,
}

/// `spec` of a DaemonSet.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSetSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_ready_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    #[serde(default)]
    pub template: PodTemplateSpec,
    #[serde(default)]
    pub update_strategy: DaemonSetUpdateStrategy,
}

/// `RollingUpdate` (default) or `OnDelete`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSetUpdateStrategy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<DaemonSetRollingUpdate>,
    #[serde(default, rename = "type", skip_serializing_if = "String::is_empty")]
    pub type_: String,
}

/// How many nodes may be without a ready daemon pod during an update.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSetRollingUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<IntOrString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
}

/// `status` of a DaemonSet, counted over nodes.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSetStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collision_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<WorkloadCondition>,
    #[serde(default)]
    pub current_number_scheduled: i64,
    #[serde(default)]
    pub desired_number_scheduled: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_available: Option<i64>,
    #[serde(default)]
    pub number_misscheduled: i64,
    #[serde(default)]
    pub number_ready: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_unavailable: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_number_scheduled: Option<i64>,
}

impl DaemonSet {
    /// `maxUnavailable` of the rolling update resolved against the desired count (1 by default).
    pub fn max_unavailable(&self) -> i64 {
        let desired = self.status.desired_number_scheduled;
        let value = self.spec.update_strategy.rolling_update.as_ref().and_then(|r| r.max_unavailable.clone());
        value.map_or(1, |v| v.resolve(desired, false)).max(1)
    }

    /// Whether a template change replaces pods by itself (`RollingUpdate`) or waits for deletes.
    pub fn is_rolling(&self) -> bool {
        self.spec.update_strategy.type_ != "OnDelete"
    }
}
