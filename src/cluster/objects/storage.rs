//! Storage (`v1` PersistentVolumeClaim and PersistentVolume, `storage.k8s.io/v1` StorageClass):
//! claims that pods mount, the volumes that satisfy them, and the class that provisions them.

use super::meta::{LabelSelector, ObjectMeta, StringMap};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The annotation that makes a StorageClass the cluster's default.
pub const DEFAULT_CLASS_ANNOTATION: &str = "storageclass.kubernetes.io/is-default-class";

/// A PersistentVolumeClaim: a request for storage that a pod mounts by name.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeClaim {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PersistentVolumeClaimSpec,
    #[serde(default)]
    pub status: PersistentVolumeClaimStatus,
}

/// `spec` of a PersistentVolumeClaim.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeClaimSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source_ref: Option<Value>,
    #[serde(default)]
    pub resources: ResourceRequirements,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_attributes_class_name: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub volume_mode: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub volume_name: String,
}

/// `resources` of a claim: `requests.storage` is the size asked for.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceRequirements {
    #[serde(default, skip_serializing_if = "StringMap::is_empty")]
    pub limits: StringMap,
    #[serde(default, skip_serializing_if = "StringMap::is_empty")]
    pub requests: StringMap,
}

/// `status` of a claim: `Pending` until bound, then `Bound` with the volume's capacity.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeClaimStatus {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    #[serde(default, skip_serializing_if = "StringMap::is_empty")]
    pub capacity: StringMap,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phase: String,
}

/// A PersistentVolume: a piece of storage in the cluster, here provisioned for one claim.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolume {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PersistentVolumeSpec,
    #[serde(default)]
    pub status: PersistentVolumeStatus,
}

/// `spec` of a PersistentVolume; the volume sources are kept as written.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    #[serde(default, skip_serializing_if = "StringMap::is_empty")]
    pub capacity: StringMap,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_ref: Option<ClaimReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_path: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nfs: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<Value>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub persistent_volume_reclaim_policy: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub storage_class_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub volume_mode: String,
}

/// The claim a volume is bound to.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClaimReference {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
}

/// `status` of a PersistentVolume: `Available`, `Bound`, `Released`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersistentVolumeStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_phase_transition_time: Option<super::time::Time>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phase: String,
}

/// A StorageClass: names a provisioner that creates volumes for claims of the class.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StorageClass {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_volume_expansion: Option<bool>,
    #[serde(default, skip_serializing_if = "StringMap::is_empty")]
    pub parameters: StringMap,
    #[serde(default)]
    pub provisioner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reclaim_policy: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub volume_binding_mode: String,
}

impl StorageClass {
    /// Whether the class is marked as the cluster's default.
    pub fn is_default(&self) -> bool {
        self.metadata.annotations.get(DEFAULT_CLASS_ANNOTATION).is_some_and(|v| v == "true")
    }
}

impl PersistentVolumeClaim {
    /// The requested size, `1Gi`, or empty.
    pub fn requested_storage(&self) -> String {
        self.spec.resources.requests.get("storage").cloned().unwrap_or_default()
    }
}

/// Access modes as `get` prints them: `RWO`, `ROX`, `RWX`, `RWOP`, comma-joined.
pub fn access_modes_short(modes: &[String]) -> String {
    modes
        .iter()
        .map(|m| match m.as_str() {
            "ReadWriteOnce" => "RWO".to_string(),
            "ReadOnlyMany" => "ROX".to_string(),
            "ReadWriteMany" => "RWX".to_string(),
            "ReadWriteOncePod" => "RWOP".to_string(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(",")
}
