//! The API server's checks of ConfigMaps and Secrets: key names, the keys a typed Secret must
//! have, and immutability.

use crate::cluster::objects::config::{is_valid_config_key, CONFIG_KEY_MESSAGE};
use crate::cluster::objects::{ConfigMap, Secret};

/// Causes that make a ConfigMap invalid.
pub fn validate_configmap(cm: &ConfigMap, causes: &mut Vec<String>) {
    for key in cm.data.keys() {
        check_key("data", key, causes);
    }
    for key in cm.binary_data.keys() {
        check_key("binaryData", key, causes);
        if cm.data.contains_key(key) {
            causes.push(format!("data[{key}]: Invalid value: \"{key}\": duplicate of key present in binaryData"));
        }
    }
}

/// Causes that make a Secret invalid.
pub fn validate_secret(secret: &Secret, causes: &mut Vec<String>) {
    for key in secret.data.keys() {
        check_key("data", key, causes);
    }
    let required: &[&str] = match secret.type_.as_str() {
        "kubernetes.io/tls" => &["tls.crt", "tls.key"],
        "kubernetes.io/dockerconfigjson" => &[".dockerconfigjson"],
        "kubernetes.io/basic-auth" | "kubernetes.io/ssh-auth" => &[],
        _ => &[],
    };
    for key in required {
        if !secret.data.contains_key(*key) {
            causes.push(format!("data[{key}]: Required value"));
        }
    }
}

/// Causes of an update: data and type may not change once `immutable` is set.
pub fn validate_config_update(old_immutable: Option<bool>, new_immutable: Option<bool>, data_changed: bool, causes: &mut Vec<String>) {
    if old_immutable != Some(true) {
        return;
    }
    if new_immutable != Some(true) {
        causes.push("immutable: Forbidden: field is immutable when `immutable` is set".into());
    }
    if data_changed {
        causes.push("data: Forbidden: field is immutable when `immutable` is set".into());
    }
}

fn check_key(field: &str, key: &str, causes: &mut Vec<String>) {
    if !is_valid_config_key(key) {
        causes.push(format!("{field}[{key}]: Invalid value: \"{key}\": {CONFIG_KEY_MESSAGE}"));
    }
}
