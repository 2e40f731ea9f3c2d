//! Where a database container keeps its files: in a volume mounted over its data directory
//! (a claim's files outlive the pod) or else in the container's own filesystem, which is keyed
//! by the pod's uid and so is gone once the pod is re-created.

use crate::cluster::network::volumes;
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::Pod;
use crate::cluster::Cluster;

/// The key of a container's own filesystem in the cluster's file store.
fn rootfs(pod: &Pod, container: &Container, path: &str) -> (String, String, String) {
    (format!("rootfs:{}:{}", pod.metadata.uid, container.name), String::new(), path.to_string())
}

/// The content of the data file `path`, if the server wrote it.
pub fn read(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> Option<String> {
    if volumes::is_mounted(container, path) {
        return volumes::read(cluster, pod, container, path);
    }
    cluster.network.volume_files.get(&rootfs(pod, container, path)).cloned()
}

/// Replaces the data file `path`.
pub fn write(cluster: &mut Cluster, pod: &Pod, container: &Container, path: &str, content: &str) {
    if volumes::is_mounted(container, path) {
        volumes::write(cluster, pod, container, path, content);
    } else {
        cluster.network.volume_files.insert(rootfs(pod, container, path), content.to_string());
    }
}
