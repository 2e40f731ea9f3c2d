//! Files in pod volumes (`emptyDir`), shared by the containers that mount them: nginx writes its
//! access log there and a sidecar's `tail -F` prints each new line. Files of a
//! `persistentVolumeClaim` volume belong to the claim, not the pod, so they outlive the pod.

use crate::cluster::objects::pod::Container;
use crate::cluster::objects::Pod;
use crate::cluster::Cluster;

/// Whose files a pod volume holds: the pod's own (its uid) or, for a claim, the claim's
/// (`pvc:<namespace>/<claim>`, with an empty volume name), so data survives the pod.
fn storage_key(pod: &Pod, volume: &str) -> (String, String) {
    let claim = pod
        .spec
        .volumes
        .iter()
        .find(|v| v.name == volume)
        .and_then(|v| v.persistent_volume_claim.as_ref())
        .and_then(|c| c.get("claimName").and_then(|n| n.as_str()).map(String::from));
    match claim {
        Some(claim) => (format!("pvc:{}/{claim}", pod.metadata.namespace), String::new()),
        None => (pod.metadata.uid.clone(), volume.to_string()),
    }
}

/// The volume and path inside it that `path` of `container` falls in.
fn locate(container: &Container, path: &str) -> Option<(String, String)> {
    container
        .volume_mounts
        .iter()
        .filter_map(|m| {
            let base = m.mount_path.trim_end_matches('/');
            let rest = path.strip_prefix(base)?;
            (rest.is_empty() || rest.starts_with('/')).then(|| (base.len(), m.name.clone(), rest.trim_start_matches('/').to_string()))
        })
        .max_by_key(|(len, _, _)| *len)
        .map(|(_, volume, rest)| (volume, rest))
}

/// Whether `path` of `container` lies in a mounted volume.
pub fn is_mounted(container: &Container, path: &str) -> bool {
    locate(container, path).is_some()
}

/// The content of `path` in a volume mounted by `container`, if it was written.
pub fn read(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> Option<String> {
    let (volume, rest) = locate(container, path)?;
    if let Some(files) = config_files(cluster, pod, &volume) {
        return files.get(&rest).cloned();
    }
    let (owner, volume) = storage_key(pod, &volume);
    cluster.network.volume_files.get(&(owner, volume, rest)).cloned()
}

/// The files under `dir` in a volume mounted by `container`.
pub fn list(cluster: &Cluster, pod: &Pod, container: &Container, dir: &str) -> Option<Vec<String>> {
    let (volume, rest) = locate(container, dir)?;
    let prefix = if rest.is_empty() { String::new() } else { format!("{rest}/") };
    if let Some(files) = config_files(cluster, pod, &volume) {
        let mut names: Vec<String> =
            files.keys().filter_map(|f| f.strip_prefix(&prefix).map(|f| f.split('/').next().unwrap_or(f).to_string())).collect();
        names.dedup();
        return (rest.is_empty() || !names.is_empty()).then_some(names);
    }
    let (owner, volume) = storage_key(pod, &volume);
    let prefix = if rest.is_empty() { String::new() } else { format!("{rest}/") };
    Some(
        cluster
            .network
            .volume_files
            .keys()
            .filter(|(key, v, _)| *key == owner && *v == volume)
            .filter_map(|(_, _, file)| file.strip_prefix(&prefix).map(|f| f.split('/').next().unwrap_or(f).to_string()))
            .collect(),
    )
}

/// The files of a `configMap` or `secret` volume (by path inside the volume: the keys, or the
/// `items` paths), read from the API; `None` for other volumes. A missing ConfigMap or Secret
/// gives an empty volume.
fn config_files(cluster: &Cluster, pod: &Pod, volume: &str) -> Option<std::collections::BTreeMap<String, String>> {
    use crate::cluster::objects::{Kind, Object};
    let spec = pod.spec.volumes.iter().find(|v| v.name == volume)?;
    let (source, files) = if let Some(source) = &spec.config_map {
        let name = source.get("name").and_then(|n| n.as_str()).unwrap_or("");
        let files = match cluster.get(Kind::ConfigMap, &pod.metadata.namespace, name) {
            Some(Object::ConfigMap(cm)) => cm.files(),
            _ => Default::default(),
        };
        (source, files)
    } else if let Some(source) = &spec.secret {
        let name = source.get("secretName").and_then(|n| n.as_str()).unwrap_or("");
        let files = match cluster.get(Kind::Secret, &pod.metadata.namespace, name) {
            Some(Object::Secret(s)) => s.files(),
            _ => Default::default(),
        };
        (source, files)
    } else {
        return None;
    };
    let Some(items) = source.get("items").and_then(|i| i.as_array()) else { return Some(files) };
    let text = |item: &serde_json::Value, key: &str| item.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
    Some(items.iter().filter_map(|item| Some((text(item, "path"), files.get(&text(item, "key"))?.clone()))).collect())
}

/// Appends a line to `path` in a volume of `container`; containers of the pod that follow the
/// same file with `tail -f`/`tail -F` log it.
pub fn append_line(cluster: &mut Cluster, pod: &Pod, container: &Container, path: &str, line: &str) {
    let Some((volume, rest)) = locate(container, path) else { return };
    let (owner, stored_volume) = storage_key(pod, &volume);
    let key = (owner, stored_volume, rest.clone());
    let file = cluster.network.volume_files.entry(key).or_default();
    file.push_str(line);
    file.push('\n');
    for other in &pod.spec.containers {
        if follows(other, &volume, &rest) {
            cluster.kubelet.append_log(&pod.metadata.uid, &other.name, line.to_string());
        }
    }
}

/// Replaces the content of `path` in a volume of `container` (a shell's `>` redirection).
pub fn write(cluster: &mut Cluster, pod: &Pod, container: &Container, path: &str, content: &str) {
    let Some((volume, rest)) = locate(container, path) else { return };
    let (owner, volume) = storage_key(pod, &volume);
    cluster.network.volume_files.insert((owner, volume, rest), content.to_string());
}

/// Whether a container's command tails (`-f`/`-F`) the file `rest` of `volume`.
fn follows(container: &Container, volume: &str, rest: &str) -> bool {
    let script = container.command.iter().chain(container.args.iter()).cloned().collect::<Vec<_>>().join(" ");
    let Some(at) = script.find("tail ") else { return false };
    let words: Vec<&str> = script[at..].split(|c: char| c.is_whitespace() || c == ';' || c == '&' || c == '|').filter(|w| !w.is_empty()).collect();
    if !words.iter().any(|w| *w == "-f" || *w == "-F") {
        return false;
    }
    words
        .iter()
        .skip(1)
        .filter(|w| w.starts_with('/'))
        .any(|w| locate(container, w).is_some_and(|(v, r)| v == volume && r == rest))
}
