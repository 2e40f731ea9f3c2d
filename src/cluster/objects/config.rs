//! ConfigMaps and Secrets (`v1`): configuration kept apart from images, read by pods through
//! environment variables (`valueFrom`, `envFrom`) and volumes. Also the typed references pods
//! make to them.

use super::meta::ObjectMeta;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The ConfigMap every namespace gets, holding the cluster's CA certificate.
pub const ROOT_CA_CONFIGMAP: &str = "kube-root-ca.crt";

/// The Secret type used when none is given.
pub const OPAQUE: &str = "Opaque";

/// A ConfigMap: plain-text `data` and base64 `binaryData`, by key.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigMap {
    #[serde(default)]
    pub api_version: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub binary_data: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immutable: Option<bool>,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
}

/// A Secret: base64 `data` by key; `stringData` is accepted on writes and folded into `data`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Secret {
    #[serde(default)]
    pub api_version: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immutable: Option<bool>,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub string_data: BTreeMap<String, String>,
    #[serde(default, rename = "type", skip_serializing_if = "String::is_empty")]
    pub type_: String,
}

impl ConfigMap {
    /// Number of keys, the DATA column of `kubectl get configmaps`.
    pub fn key_count(&self) -> usize {
        self.data.len() + self.binary_data.len()
    }

    /// Every key with its content as the files of a volume show it.
    pub fn files(&self) -> BTreeMap<String, String> {
        let mut files = self.data.clone();
        for (k, v) in &self.binary_data {
            files.insert(k.clone(), String::from_utf8_lossy(&base64_decode(v).unwrap_or_default()).into_owned());
        }
        files
    }
}

impl Secret {
    /// Folds `stringData` into `data` (base64), as the API server does on every write.
    pub fn merge_string_data(&mut self) {
        for (k, v) in std::mem::take(&mut self.string_data) {
            self.data.insert(k, base64_encode(v.as_bytes()));
        }
    }

    /// The decoded value of `key`, if present and valid base64.
    pub fn value(&self, key: &str) -> Option<String> {
        let bytes = base64_decode(self.data.get(key)?)?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Every key with its decoded content, as the files of a volume show it.
    pub fn files(&self) -> BTreeMap<String, String> {
        self.data.keys().filter_map(|k| Some((k.clone(), self.value(k)?))).collect()
    }

    /// The decoded length of each value, for `describe secret`.
    pub fn byte_len(&self, key: &str) -> usize {
        self.data.get(key).and_then(|v| base64_decode(v)).map_or(0, |b| b.len())
    }
}

/// Whether `key` is a valid ConfigMap/Secret key: `[-._a-zA-Z0-9]+`, not `.` or `..`.
pub fn is_valid_config_key(key: &str) -> bool {
    !key.is_empty()
        && key != "."
        && key != ".."
        && !key.starts_with("..")
        && key.len() <= 253
        && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The message both the API server and kubectl give for an invalid key.
pub const CONFIG_KEY_MESSAGE: &str = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/// `valueFrom` of an environment variable.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnvVarSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map_key_ref: Option<KeySelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_ref: Option<ObjectFieldSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_field_ref: Option<ResourceFieldSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_key_ref: Option<KeySelector>,
}

/// One key of a named ConfigMap or Secret.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeySelector {
    pub key: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// A field of the pod itself (`metadata.name`, `status.podIP`, ...).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectFieldSelector {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    pub field_path: String,
}

/// A resource limit or request of a container (`limits.memory`).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceFieldSelector {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub container_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divisor: Option<serde_json::Value>,
    pub resource: String,
}

/// One entry of `envFrom`: every key of a ConfigMap or Secret, with an optional prefix.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnvFromSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map_ref: Option<LocalRef>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<LocalRef>,
}

/// A ConfigMap or Secret named in the pod's namespace.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocalRef {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as Secret `data` holds values.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 (padding optional); `None` on any other character.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// A PEM-looking certificate for `kube-root-ca.crt` (a stand-in: nothing verifies it).
pub const ROOT_CA_PEM: &str = "-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIKx3Qm0Yb4lEwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNTAxMTAxMjAwMDBaFw0zNTAxMDgxMjA1MDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQC5k2pXq7TZc1Vf0hYx3sQ8LmN4RrWd6gJtUyKe9bAoPzHvF2iM5cDl8wSn
Rj7uTqE0aXbG1kYhC3oVp4LzI6fNmD9sUeW2tQy8rHxJgKc5vBn0OiA7dPlM3fZs
hE4wYq1Ta9RbXmC6uN2kJf8oVgLp5zDe7sIr0WcHy3UnKt4QxBvMa1Fj6Ol9SdPe
2GiRz8hTbN5wYuXk0mLcQv3JfA7sEo4tDn1WpKg6aHr9UyM2IeVb5xCzOlRq8jTs
N3dFi0uGw7Pk1YhSe4mZc6tVb2QnLa9KoJ5rX8DyUf0EpHgMs3WvIj7lBxC1Rt4n
AgMBAAGjWTBXMA4GA1UdDwEB/wQEAwICpDAPBgNVHRMBAf8EBTADAQH/MB0GA1Ud
DgQWBBQ3kVzL0aJc5r8WmTqE2yXhN4sG6DAVBgNVHREEDjAMggprdWJlcm5ldGVz
MA0GCSqGSIb3DQEBCwUAA4IBAQBm8Zk2Lr5xQa0Vj3nWtE7cYh1UdK9sPb4iGo6F
-----END CERTIFICATE-----
";

/// The annotation the real root-CA publisher puts on `kube-root-ca.crt`.
pub const ROOT_CA_DESCRIPTION: &str = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

/// The `kube-root-ca.crt` ConfigMap of a namespace.
pub fn root_ca_configmap(namespace: &str) -> ConfigMap {
    let mut metadata = ObjectMeta { name: ROOT_CA_CONFIGMAP.into(), namespace: namespace.into(), ..Default::default() };
    metadata.annotations.insert("kubernetes.io/description".into(), ROOT_CA_DESCRIPTION.into());
    ConfigMap { metadata, data: [("ca.crt".to_string(), ROOT_CA_PEM.to_string())].into_iter().collect(), ..Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_coreutils_tool() {
        assert_eq!(base64_encode(b"s3cr3t!"), "czNjcjN0IQ==");
        assert_eq!(base64_encode(b"hello\n"), "aGVsbG8K");
        assert_eq!(base64_encode(&[0xff, 0xfe]), "//4=");
        assert_eq!(base64_decode("czNjcjN0IQ==").as_deref(), Some(&b"s3cr3t!"[..]));
        assert_eq!(base64_decode("not base64!"), None);
    }

    #[test]
    fn string_data_is_folded_into_data() {
        let mut s = Secret::default();
        s.string_data.insert("password".into(), "hunter22".into());
        s.merge_string_data();
        assert!(s.string_data.is_empty());
        assert_eq!(s.data.get("password").map(String::as_str), Some("aHVudGVyMjI="));
        assert_eq!(s.value("password").as_deref(), Some("hunter22"));
        assert_eq!(s.byte_len("password"), 8);
    }

    #[test]
    fn config_keys_follow_the_api_rule() {
        assert!(is_valid_config_key("game.properties"));
        assert!(is_valid_config_key("KEY_NAME-1"));
        assert!(!is_valid_config_key("b@d"));
        assert!(!is_valid_config_key(".."));
        assert!(!is_valid_config_key(""));
    }
}
