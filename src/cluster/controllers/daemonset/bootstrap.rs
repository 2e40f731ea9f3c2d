//! The starting cluster's DaemonSets (kube-proxy, kindnet, the ingress-nginx controller). They
//! are stored as built-ins, without drawing from the random streams or advancing the revision,
//! so every other object of the starting cluster keeps its name, uid and resourceVersion.

use crate::cluster::controllers::owned::controller_ref;
use crate::cluster::controllers::revisions::{History, HASH_LABEL};
use super::{computed_status, GENERATION_LABEL};
use crate::cluster::defaults::batch_and_daemons::default_daemon_set;
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::{DaemonSet, Kind, LabelSelector, Object, ObjectMeta, OwnerReference, PodSpec, PodTemplateSpec, StringMap};
use crate::cluster::Cluster;

/// What a bootstrap pod needs to belong to its set: the owner reference and the labels the
/// controller would have given it.
pub struct DaemonPodTies {
    pub owner: OwnerReference,
    pub labels: StringMap,
}

/// Stores the DaemonSet `name` (and its first ControllerRevision) as it was created now, and
/// returns how its pods tie to it.
pub fn builtin_daemon_set(cluster: &mut Cluster, name: &str, namespace: &str, pod_labels: StringMap, node_selector: StringMap, container: Container) -> DaemonPodTies {
    let mut seed = fastrand::Rng::with_seed(name.bytes().fold(0xd5e7_0000_u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))));
    let mut ds = DaemonSet {
        api_version: "apps/v1".into(),
        kind: "DaemonSet".into(),
        metadata: ObjectMeta {
            name: name.into(),
            namespace: namespace.into(),
            labels: pod_labels.clone(),
            uid: crate::cluster::names::uuid(&mut seed),
            creation_timestamp: Some(cluster.now()),
            generation: 1,
            ..Default::default()
        },
        spec: crate::cluster::objects::daemonset::DaemonSetSpec {
            selector: Some(LabelSelector { match_labels: pod_labels.clone(), ..Default::default() }),
            template: PodTemplateSpec {
                metadata: ObjectMeta { labels: pod_labels.clone(), ..Default::default() },
                spec: PodSpec { containers: vec![container], node_selector, ..Default::default() },
            },
            ..Default::default()
        },
        ..Default::default()
    };
    default_daemon_set(&mut ds);
    cluster.store.insert_builtin(Object::DaemonSet(ds.clone()));
    let mut revision = Object::ControllerRevision(History::of_daemon_set(&ds).revision(1));
    revision.set_type_meta();
    let meta = revision.meta_mut();
    meta.uid = crate::cluster::names::uuid(&mut seed);
    meta.creation_timestamp = Some(cluster.now());
    cluster.store.insert_builtin(revision);
    let mut labels = pod_labels;
    labels.insert(HASH_LABEL.into(), History::of_daemon_set(&ds).hash());
    labels.insert(GENERATION_LABEL.into(), "1".into());
    DaemonPodTies { owner: controller_ref("apps/v1", "DaemonSet", &ds.metadata), labels }
}

/// Writes each built-in set's status as its pods have it, just before the session starts, so
/// the controller's first pass finds nothing to change.
pub fn settle_builtin_daemon_sets(cluster: &mut Cluster) {
    let sets: Vec<DaemonSet> = cluster.store.list(Kind::DaemonSet, None).into_iter().filter_map(|o| if let Object::DaemonSet(ds) = o { Some(ds.clone()) } else { None }).collect();
    for mut ds in sets {
        let hash = History::of_daemon_set(&ds).hash();
        ds.status = computed_status(cluster, &ds, &hash);
        cluster.store.insert_builtin(Object::DaemonSet(ds));
    }
}
