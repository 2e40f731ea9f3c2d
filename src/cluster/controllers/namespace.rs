//! The namespace controller: empties a namespace being deleted, then removes it. Also the
//! root-CA publisher: every active namespace gets the `kube-root-ca.crt` ConfigMap.

use crate::cluster::api::DeleteOptions;
use crate::cluster::controllers::service::with_side_rng;
use crate::cluster::objects::config::{root_ca_configmap, ROOT_CA_CONFIGMAP};
use crate::cluster::objects::{Kind, Object};
use crate::cluster::store::ObjectKey;
use crate::cluster::Cluster;

/// One pass of the namespace controller; true when it changed anything.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let mut changed = publish_root_ca(cluster);
    let terminating: Vec<String> = cluster
        .store
        .list(Kind::Namespace, None)
        .into_iter()
        .filter(|o| o.meta().deletion_timestamp.is_some())
        .map(|o| o.meta().name.clone())
        .collect();
    for ns in terminating {
        let contents: Vec<(Kind, String, bool)> = cluster
            .store
            .all()
            .filter(|o| o.kind().namespaced() && o.meta().namespace == ns)
            .map(|o| (o.kind(), o.meta().name.clone(), o.meta().deletion_timestamp.is_some()))
            .collect();
        if contents.iter().all(|(kind, _, _)| *kind == Kind::Event) {
            let now = cluster.now();
            for (kind, name, _) in contents {
                cluster.store.remove(&ObjectKey::new(kind, &ns, &name), now);
            }
            cluster.store.remove(&ObjectKey::new(Kind::Namespace, "", &ns), now);
            changed = true;
            continue;
        }
        for (kind, name, deleting) in contents {
            if kind != Kind::Event && !deleting {
                changed |= cluster.delete(kind, &ns, &name, DeleteOptions::default()).is_ok();
            }
        }
    }
    changed
}

/// Creates `kube-root-ca.crt` in every active namespace that lacks it (at start-up, in new
/// namespaces, and again after someone deletes it). Drawn from the side random stream so that
/// it does not reshuffle pod names.
fn publish_root_ca(cluster: &mut Cluster) -> bool {
    let missing: Vec<String> = cluster
        .store
        .list(Kind::Namespace, None)
        .into_iter()
        .filter(|o| o.meta().deletion_timestamp.is_none())
        .map(|o| o.meta().name.clone())
        .filter(|ns| cluster.get(Kind::ConfigMap, ns, ROOT_CA_CONFIGMAP).is_none())
        .collect();
    let mut changed = false;
    for ns in missing {
        let configmap = Object::ConfigMap(root_ca_configmap(&ns));
        changed |= with_side_rng(cluster, |cluster| cluster.create(configmap).is_ok());
    }
    changed
}
