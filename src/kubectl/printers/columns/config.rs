//! Table cells of ConfigMaps and Secrets, as the API server's printers make them.

use super::age;
use crate::cluster::objects::time::Time;
use crate::cluster::objects::{ConfigMap, Secret};

/// NAME DATA AGE; DATA counts `data` and `binaryData` keys.
pub fn configmap_cells(cm: &ConfigMap, now: Time) -> Vec<String> {
    vec![cm.metadata.name.clone(), cm.key_count().to_string(), age(cm.metadata.creation_timestamp, now)]
}

/// NAME TYPE DATA AGE.
pub fn secret_cells(secret: &Secret, now: Time) -> Vec<String> {
    vec![secret.metadata.name.clone(), secret.type_.clone(), secret.data.len().to_string(), age(secret.metadata.creation_timestamp, now)]
}
