//! The namespace controller: empties a namespace being deleted, then removes it.

use crate::cluster::api::DeleteOptions;
use crate::cluster::objects::Kind;
use crate::cluster::store::ObjectKey;
use crate::cluster::Cluster;

/// One pass of the namespace controller; true when it changed anything.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let terminating: Vec<String> = cluster
        .store
        .list(Kind::Namespace, None)
        .into_iter()
        .filter(|o| o.meta().deletion_timestamp.is_some())
        .map(|o| o.meta().name.clone())
        .collect();
    let mut changed = false;
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
