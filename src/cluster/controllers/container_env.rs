//! The environment the kubelet gives a container when it starts it: `envFrom` ConfigMaps and
//! Secrets (with their prefix), then `env` literals and references (`configMapKeyRef`,
//! `secretKeyRef`, `fieldRef`). A missing ConfigMap, Secret or key that is not optional stops
//! the container with `CreateContainerConfigError` and the kubelet's message.

use crate::cluster::objects::config::{EnvVarSource, KeySelector};
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::{ConfigMap, Kind, Object, Pod, Secret};
use crate::cluster::Cluster;

/// The container's variables in order (a later definition of a name replaces the earlier
/// value), or the kubelet's error message.
pub fn resolve(cluster: &Cluster, pod: &Pod, container: &Container, pod_ip: &str) -> Result<Vec<(String, String)>, String> {
    let namespace = pod.metadata.namespace.as_str();
    let mut env: Vec<(String, String)> = Vec::new();
    for source in &container.env_from {
        let pairs = match (&source.config_map_ref, &source.secret_ref) {
            (Some(r), _) => match configmap(cluster, namespace, &r.name) {
                Some(cm) => cm.files().into_iter().collect(),
                None if r.optional == Some(true) => Vec::new(),
                None => return Err(format!("configmap {:?} not found", r.name)),
            },
            (None, Some(r)) => match secret(cluster, namespace, &r.name) {
                Some(s) => s.files().into_iter().collect(),
                None if r.optional == Some(true) => Vec::new(),
                None => return Err(format!("secret {:?} not found", r.name)),
            },
            (None, None) => Vec::new(),
        };
        for (key, value) in pairs {
            let name = format!("{}{key}", source.prefix);
            if is_env_name(&name) {
                set(&mut env, name, value);
            }
        }
    }
    for var in &container.env {
        let value = match &var.value_from {
            Some(from) => match value_from(cluster, pod, from, pod_ip)? {
                Some(v) => v,
                None => continue,
            },
            None => var.value.clone().unwrap_or_default(),
        };
        set(&mut env, var.name.clone(), value);
    }
    Ok(env)
}

fn set(env: &mut Vec<(String, String)>, name: String, value: String) {
    match env.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => env.push((name, value)),
    }
}

/// One `valueFrom`; `Ok(None)` when an optional reference is missing (the variable is unset).
fn value_from(cluster: &Cluster, pod: &Pod, from: &EnvVarSource, pod_ip: &str) -> Result<Option<String>, String> {
    let namespace = pod.metadata.namespace.as_str();
    if let Some(r) = &from.config_map_key_ref {
        let found = configmap(cluster, namespace, &r.name).map(|cm| cm.files());
        return key_of(found, r, "configmap", "ConfigMap", namespace);
    }
    if let Some(r) = &from.secret_key_ref {
        let found = secret(cluster, namespace, &r.name).map(|s| s.files());
        return key_of(found, r, "secret", "Secret", namespace);
    }
    if let Some(f) = &from.field_ref {
        return Ok(Some(field(pod, &f.field_path, pod_ip)));
    }
    Ok(Some(String::new()))
}

fn key_of(
    found: Option<std::collections::BTreeMap<String, String>>,
    r: &KeySelector,
    lower: &str,
    kind: &str,
    namespace: &str,
) -> Result<Option<String>, String> {
    let optional = r.optional == Some(true);
    match found {
        None if optional => Ok(None),
        None => Err(format!("{lower} {:?} not found", r.name)),
        Some(files) => match files.get(&r.key) {
            Some(v) => Ok(Some(v.clone())),
            None if optional => Ok(None),
            None => Err(format!("couldn't find key {} in {kind} {namespace}/{}", r.key, r.name)),
        },
    }
}

/// The downward API fields learners use.
fn field(pod: &Pod, path: &str, pod_ip: &str) -> String {
    let quoted = |prefix: &str| path.strip_prefix(prefix).and_then(|r| r.strip_suffix("']")).map(str::to_string);
    if let Some(key) = quoted("metadata.labels['") {
        return pod.metadata.labels.get(&key).cloned().unwrap_or_default();
    }
    if let Some(key) = quoted("metadata.annotations['") {
        return pod.metadata.annotations.get(&key).cloned().unwrap_or_default();
    }
    match path {
        "metadata.name" => pod.metadata.name.clone(),
        "metadata.namespace" => pod.metadata.namespace.clone(),
        "metadata.uid" => pod.metadata.uid.clone(),
        "spec.nodeName" => pod.spec.node_name.clone(),
        "spec.serviceAccountName" => pod.spec.service_account_name.clone(),
        "status.podIP" => pod_ip.to_string(),
        "status.hostIP" => pod.status.host_ip.clone(),
        _ => String::new(),
    }
}

fn configmap<'a>(cluster: &'a Cluster, namespace: &str, name: &str) -> Option<&'a ConfigMap> {
    match cluster.get(Kind::ConfigMap, namespace, name) {
        Some(Object::ConfigMap(cm)) => Some(cm),
        _ => None,
    }
}

fn secret<'a>(cluster: &'a Cluster, namespace: &str, name: &str) -> Option<&'a Secret> {
    match cluster.get(Kind::Secret, namespace, name) {
        Some(Object::Secret(s)) => Some(s),
        _ => None,
    }
}

/// Names `envFrom` may define: `[-._a-zA-Z][-._a-zA-Z0-9]*`; other keys are skipped.
fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '-' | '.' | '_'))
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::objects::config::{EnvFromSource, LocalRef};
    use crate::cluster::objects::pod::EnvVar;
    use crate::cluster::objects::ObjectMeta;

    fn cluster_with_config() -> Cluster {
        let mut cluster = Cluster::new(1);
        let cm = ConfigMap {
            metadata: ObjectMeta { name: "app".into(), namespace: "default".into(), ..Default::default() },
            data: [("COLOR".to_string(), "blue".to_string()), ("MODE".to_string(), "prod".to_string())].into_iter().collect(),
            ..Default::default()
        };
        let mut secret = Secret { metadata: ObjectMeta { name: "db".into(), namespace: "default".into(), ..Default::default() }, ..Default::default() };
        secret.string_data.insert("password".into(), "hunter22".into());
        assert!(cluster.create(Object::ConfigMap(cm)).is_ok());
        assert!(cluster.create(Object::Secret(secret)).is_ok());
        cluster
    }

    fn pod() -> Pod {
        Pod { metadata: ObjectMeta { name: "p".into(), namespace: "default".into(), ..Default::default() }, ..Default::default() }
    }

    fn key_ref(kind: &str, name: &str, key: &str) -> EnvVar {
        let selector = Some(KeySelector { name: name.into(), key: key.into(), optional: None });
        let from = if kind == "cm" {
            EnvVarSource { config_map_key_ref: selector, ..Default::default() }
        } else {
            EnvVarSource { secret_key_ref: selector, ..Default::default() }
        };
        EnvVar { name: "V".into(), value: None, value_from: Some(from) }
    }

    #[test]
    fn env_from_with_prefix_then_env_overrides() {
        let cluster = cluster_with_config();
        let container = Container {
            env_from: vec![EnvFromSource { config_map_ref: Some(LocalRef { name: "app".into(), optional: None }), prefix: "APP_".into(), secret_ref: None }],
            env: vec![
                EnvVar { name: "APP_MODE".into(), value: Some("dev".into()), value_from: None },
                EnvVar { name: "DB_PASSWORD".into(), ..key_ref("secret", "db", "password") },
                EnvVar { name: "POD".into(), value: None, value_from: Some(EnvVarSource { field_ref: Some(crate::cluster::objects::config::ObjectFieldSelector { api_version: String::new(), field_path: "metadata.name".into() }), ..Default::default() }) },
            ],
            ..Default::default()
        };
        let env = resolve(&cluster, &pod(), &container, "10.244.1.2");
        let expected: Vec<(String, String)> = [("APP_COLOR", "blue"), ("APP_MODE", "dev"), ("DB_PASSWORD", "hunter22"), ("POD", "p")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(env, Ok(expected));
    }

    #[test]
    fn missing_objects_and_keys_give_the_kubelet_messages() {
        let cluster = cluster_with_config();
        let with = |var: EnvVar| Container { env: vec![var], ..Default::default() };
        assert_eq!(resolve(&cluster, &pod(), &with(key_ref("cm", "nope", "k")), ""), Err("configmap \"nope\" not found".into()));
        assert_eq!(resolve(&cluster, &pod(), &with(key_ref("cm", "app", "k")), ""), Err("couldn't find key k in ConfigMap default/app".into()));
        assert_eq!(resolve(&cluster, &pod(), &with(key_ref("secret", "db", "user")), ""), Err("couldn't find key user in Secret default/db".into()));
        let optional = EnvVar { value_from: Some(EnvVarSource { config_map_key_ref: Some(KeySelector { name: "nope".into(), key: "k".into(), optional: Some(true) }), ..Default::default() }), ..key_ref("cm", "", "") };
        assert_eq!(resolve(&cluster, &pod(), &with(optional), ""), Ok(vec![]));
    }
}
