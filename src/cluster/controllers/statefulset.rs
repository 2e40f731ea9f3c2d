//! The StatefulSet controller: pods named `<set>-<ordinal>` with their own claims. With the
//! default `OrderedReady` policy it creates one pod at a time, waiting for each to be Running and
//! Ready, and removes them from the highest ordinal down, waiting for each to be gone; `Parallel`
//! does both at once. Template changes roll out from the highest ordinal down. Claims are kept
//! when pods go (retention policy `Retain`).

pub mod history;
pub mod retention;

use crate::cluster::api::DeleteOptions;
use crate::cluster::objects::pod::Volume;
use crate::cluster::objects::{Kind, Object, ObjectMeta, OwnerReference, PersistentVolumeClaim, Pod, StatefulSet};
use crate::cluster::Cluster;
use history::Revision;
use serde_json::json;
use std::collections::BTreeSet;

/// Label with the pod's own name, so a Service can select one pod of the set.
pub const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
/// Label with the pod's ordinal.
pub const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";
/// Label with the revision of the template the pod was made from.
pub const REVISION_LABEL: &str = "controller-revision-hash";

const COMPONENT: &str = "statefulset-controller";

/// One pass over every StatefulSet; true when anything changed.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let sets: Vec<StatefulSet> = cluster
        .store
        .list(Kind::StatefulSet, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::StatefulSet(s) if s.metadata.deletion_timestamp.is_none() => Some(s.clone()),
            _ => None,
        })
        .collect();
    let mut changed = false;
    for sts in sets {
        let (current, update) = history::sync_revisions(cluster, &sts);
        // The status is written from the pods as they were before this pass acts, as the real
        // controller does, so a watcher sees e.g. every pod ready just before the next is replaced.
        changed |= update_status(cluster, &sts, &update.name);
        changed |= retention::apply(cluster, &sts);
        changed |= sync(cluster, &sts, &current, &update);
        changed |= update_status(cluster, &sts, &update.name);
        changed |= truncate(cluster, &sts);
    }
    changed
}

/// Drops old revisions that neither the status nor any pod refers to.
fn truncate(cluster: &mut Cluster, sts: &StatefulSet) -> bool {
    let Some(Object::StatefulSet(current)) = cluster.get(Kind::StatefulSet, &sts.metadata.namespace, &sts.metadata.name).cloned() else {
        return false;
    };
    let mut in_use: BTreeSet<String> = owned_pods(cluster, &current)
        .iter()
        .filter_map(|p| p.metadata.labels.get(REVISION_LABEL).cloned())
        .collect();
    in_use.insert(current.status.current_revision.clone());
    in_use.insert(current.status.update_revision.clone());
    let limit = current.spec.revision_history_limit;
    super::revisions::truncate(cluster, &current.metadata, limit, |cr| in_use.contains(&cr.metadata.name))
}

/// Pods this set owns, by controller reference.
pub fn owned_pods<'a>(cluster: &'a Cluster, sts: &StatefulSet) -> Vec<&'a Pod> {
    cluster
        .store
        .list(Kind::Pod, Some(&sts.metadata.namespace))
        .into_iter()
        .filter_map(|o| match o {
            Object::Pod(p) if p.metadata.owner_references.iter().any(|r| r.uid == sts.metadata.uid) => Some(p),
            _ => None,
        })
        .collect()
}

/// The ordinal in a pod name `<set>-<n>`.
pub(crate) fn ordinal_of(sts: &StatefulSet, pod: &Pod) -> Option<i64> {
    pod.metadata.name.strip_prefix(&format!("{}-", sts.metadata.name))?.parse().ok()
}

fn is_running_and_ready(pod: &Pod) -> bool {
    pod.status.phase == "Running" && pod.is_ready() && pod.metadata.deletion_timestamp.is_none()
}

/// The revision a new pod of `ordinal` is made from: the current one below the partition of a
/// rolling update, the update revision otherwise.
fn revision_for<'a>(sts: &StatefulSet, ordinal: i64, current: &'a Revision, update: &'a Revision) -> &'a Revision {
    let rolling = sts.spec.update_strategy.type_ == "RollingUpdate";
    if rolling && ordinal < sts.partition() { current } else { update }
}

fn sync(cluster: &mut Cluster, sts: &StatefulSet, current: &Revision, update: &Revision) -> bool {
    let desired = sts.spec.replicas.unwrap_or(1).max(0);
    let parallel = sts.is_parallel();
    let revision = update.name.as_str();
    let pods: Vec<(i64, Pod)> = owned_pods(cluster, sts).into_iter().filter_map(|p| Some((ordinal_of(sts, p)?, p.clone()))).collect();
    let mut changed = false;
    // Failed pods are deleted so that they are made again.
    for (_, pod) in pods.iter().filter(|(_, p)| p.is_terminal() && p.metadata.deletion_timestamp.is_none()) {
        changed |= delete_pod(cluster, sts, pod);
    }
    if changed {
        return true;
    }
    for ordinal in 0..desired {
        match pods.iter().find(|(o, _)| *o == ordinal) {
            None => {
                changed |= create_pod(cluster, sts, ordinal, revision_for(sts, ordinal, current, update));
                if !parallel {
                    return changed;
                }
            }
            Some((_, pod)) if !parallel && !is_running_and_ready(pod) => return changed,
            Some(_) => {}
        }
    }
    let mut extra: Vec<&(i64, Pod)> = pods.iter().filter(|(o, _)| *o >= desired).collect();
    extra.sort_by_key(|(o, _)| std::cmp::Reverse(*o));
    if !extra.is_empty() {
        for (_, pod) in extra {
            if pod.metadata.deletion_timestamp.is_some() {
                if parallel {
                    continue;
                }
                return changed;
            }
            changed |= delete_pod(cluster, sts, pod);
            if !parallel {
                return changed;
            }
        }
        return changed;
    }
    changed | roll(cluster, sts, &pods, desired, revision)
}

/// One step of a rolling update: replaces the highest-ordinal pod still on an old revision, once
/// every pod is Running and Ready.
fn roll(cluster: &mut Cluster, sts: &StatefulSet, pods: &[(i64, Pod)], desired: i64, revision: &str) -> bool {
    if sts.spec.update_strategy.type_ == "OnDelete" || pods.iter().any(|(_, p)| !is_running_and_ready(p)) {
        return false;
    }
    let partition = sts.partition();
    let stale = pods
        .iter()
        .filter(|(o, p)| *o < desired && *o >= partition && p.metadata.labels.get(REVISION_LABEL).map(String::as_str) != Some(revision))
        .max_by_key(|(o, _)| *o);
    match stale {
        Some((_, pod)) => delete_pod(cluster, sts, pod),
        None => false,
    }
}

/// The controller reference pods, claims' owners and revisions carry.
pub(crate) fn owner_reference(sts: &StatefulSet) -> OwnerReference {
    super::owned::controller_ref("apps/v1", "StatefulSet", &sts.metadata)
}

pub(crate) fn claim_name(template: &PersistentVolumeClaim, sts: &StatefulSet, ordinal: i64) -> String {
    format!("{}-{}-{ordinal}", template.metadata.name, sts.metadata.name)
}

fn create_pod(cluster: &mut Cluster, sts: &StatefulSet, ordinal: i64, revision: &Revision) -> bool {
    let name = format!("{}-{ordinal}", sts.metadata.name);
    let set_object = Object::StatefulSet(sts.clone());
    for template in &sts.spec.volume_claim_templates {
        let claim = claim_name(template, sts, ordinal);
        if cluster.get(Kind::PersistentVolumeClaim, &sts.metadata.namespace, &claim).is_some() {
            continue;
        }
        let mut labels = sts.spec.selector.as_ref().map(|s| s.match_labels.clone()).unwrap_or_default();
        labels.extend(template.metadata.labels.clone());
        let object = PersistentVolumeClaim {
            metadata: ObjectMeta {
                name: claim.clone(),
                namespace: sts.metadata.namespace.clone(),
                labels,
                annotations: template.metadata.annotations.clone(),
                ..Default::default()
            },
            spec: template.spec.clone(),
            ..Default::default()
        };
        match cluster.create(Object::PersistentVolumeClaim(object)) {
            Ok(_) => {
                let msg = format!("create Claim {claim} Pod {name} in StatefulSet {} success", sts.metadata.name);
                cluster.record_event(&set_object, "Normal", "SuccessfulCreate", &msg, COMPONENT, "");
            }
            Err(e) => {
                let msg = format!("create Claim {claim} for Pod {name} in StatefulSet {} failed error: {}", sts.metadata.name, e.message);
                cluster.record_event(&set_object, "Warning", "FailedCreate", &msg, COMPONENT, "");
                return false;
            }
        }
    }
    let pod = pod_from_template(sts, ordinal, revision);
    match cluster.create(Object::Pod(pod)) {
        Ok(_) => {
            let msg = format!("create Pod {name} in StatefulSet {} successful", sts.metadata.name);
            cluster.record_event(&set_object, "Normal", "SuccessfulCreate", &msg, COMPONENT, "");
            true
        }
        Err(e) => {
            let msg = format!("create Pod {name} in StatefulSet {} failed error: {}", sts.metadata.name, e.message);
            let seen = cluster.events_about(&sts.metadata.uid).iter().any(|ev| ev.message == msg);
            if !seen {
                cluster.record_event(&set_object, "Warning", "FailedCreate", &msg, COMPONENT, "");
            }
            false
        }
    }
}

fn pod_from_template(sts: &StatefulSet, ordinal: i64, revision: &Revision) -> Pod {
    let template = &revision.template;
    let name = format!("{}-{ordinal}", sts.metadata.name);
    let mut labels = template.metadata.labels.clone();
    labels.insert(POD_INDEX_LABEL.into(), ordinal.to_string());
    labels.insert(REVISION_LABEL.into(), revision.name.clone());
    labels.insert(POD_NAME_LABEL.into(), name.clone());
    let mut spec = template.spec.clone();
    if spec.hostname.is_empty() {
        spec.hostname = name.clone();
    }
    if spec.subdomain.is_empty() {
        spec.subdomain = sts.spec.service_name.clone();
    }
    for claim in &sts.spec.volume_claim_templates {
        spec.volumes.retain(|v| v.name != claim.metadata.name);
        spec.volumes.push(Volume {
            name: claim.metadata.name.clone(),
            persistent_volume_claim: Some(json!({"claimName": claim_name(claim, sts, ordinal)})),
            ..Default::default()
        });
    }
    Pod {
        metadata: ObjectMeta {
            name,
            namespace: sts.metadata.namespace.clone(),
            labels,
            annotations: template.metadata.annotations.clone(),
            owner_references: vec![owner_reference(sts)],
            ..Default::default()
        },
        spec,
        ..Default::default()
    }
}

fn delete_pod(cluster: &mut Cluster, sts: &StatefulSet, pod: &Pod) -> bool {
    let (ns, name) = (pod.metadata.namespace.clone(), pod.metadata.name.clone());
    if cluster.delete(Kind::Pod, &ns, &name, DeleteOptions::default()).is_err() {
        return false;
    }
    let msg = format!("delete Pod {name} in StatefulSet {} successful", sts.metadata.name);
    cluster.record_event(&Object::StatefulSet(sts.clone()), "Normal", "SuccessfulDelete", &msg, COMPONENT, "");
    true
}

fn update_status(cluster: &mut Cluster, sts: &StatefulSet, update_revision: &str) -> bool {
    let Some(Object::StatefulSet(current)) = cluster.get(Kind::StatefulSet, &sts.metadata.namespace, &sts.metadata.name).cloned() else {
        return false;
    };
    let revision = update_revision.to_string();
    let pods = owned_pods(cluster, &current);
    let counted: Vec<&Pod> = pods.into_iter().filter(|p| p.is_active()).collect();
    let on = |rev: &str| counted.iter().filter(|p| p.metadata.labels.get(REVISION_LABEL).map(String::as_str) == Some(rev)).count() as i64;
    let count = |n: usize| Some(n as i64);
    let mut status = current.status.clone();
    status.replicas = counted.len() as i64;
    status.ready_replicas = count(counted.iter().filter(|p| p.is_ready()).count());
    status.available_replicas = count(counted.iter().filter(|p| p.is_ready()).count());
    status.updated_replicas = Some(on(&revision));
    status.update_revision = revision.clone();
    let desired = current.spec.replicas.unwrap_or(1);
    if status.current_revision.is_empty() || (on(&revision) >= desired && status.ready_replicas == Some(desired)) {
        status.current_revision = revision;
    }
    status.current_replicas = Some(on(&status.current_revision.clone()));
    status.collision_count.get_or_insert(0);
    status.observed_generation = Some(current.metadata.generation);
    if status == current.status {
        return false;
    }
    let mut updated = current;
    updated.status = status;
    cluster.update_status(Object::StatefulSet(updated)).is_ok()
}

#[cfg(test)]
mod tests {
    use crate::cluster::api::DeleteOptions;
    use crate::cluster::objects::{Kind, Object, Pod, StatefulSet};
    use crate::cluster::Cluster;
    use crate::world::World;

    fn web(replicas: i64) -> Object {
        let value = serde_json::json!({
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "web", "namespace": "default"},
            "spec": {
                "serviceName": "nginx", "replicas": replicas,
                "selector": {"matchLabels": {"app": "nginx"}},
                "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{
                    "name": "nginx", "image": "registry.k8s.io/nginx-slim:0.24",
                    "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}},
                "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {
                    "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
            }
        });
        match serde_json::from_value::<StatefulSet>(value) {
            Ok(sts) => Object::StatefulSet(sts),
            Err(e) => panic!("test manifest: {e}"),
        }
    }

    fn pod<'a>(cluster: &'a Cluster, name: &str) -> Option<&'a Pod> {
        match cluster.get(Kind::Pod, "default", name) {
            Some(Object::Pod(p)) => Some(p),
            _ => None,
        }
    }

    fn ready(cluster: &Cluster, name: &str) -> bool {
        pod(cluster, name).is_some_and(|p| p.status.phase == "Running" && p.is_ready())
    }

    fn claims(cluster: &Cluster) -> Vec<String> {
        cluster.list(Kind::PersistentVolumeClaim, Some("default")).iter().map(|o| o.meta().name.clone()).collect()
    }

    /// Steps time in small increments, checking `invariant` at every step.
    fn run_for(cluster: &mut Cluster, ms: i64, invariant: impl Fn(&Cluster)) {
        for _ in 0..ms / 250 {
            cluster.advance_by(250);
            invariant(cluster);
        }
    }

    fn set_replicas(cluster: &mut Cluster, replicas: i64) {
        let Some(Object::StatefulSet(mut sts)) = cluster.get(Kind::StatefulSet, "default", "web").cloned() else { panic!("web exists") };
        sts.spec.replicas = Some(replicas);
        assert!(cluster.update(Object::StatefulSet(sts)).is_ok());
    }

    #[test]
    fn pods_start_in_order_each_after_the_previous_is_ready() {
        let mut world = World::new(7);
        let cluster = &mut world.cluster;
        assert!(cluster.create(web(3)).is_ok());
        cluster.settle();
        assert!(pod(cluster, "web-0").is_some());
        assert!(pod(cluster, "web-1").is_none(), "web-1 must wait for web-0");
        run_for(cluster, 30_000, |c| {
            if pod(c, "web-1").is_some() {
                assert!(ready(c, "web-0"), "web-1 exists while web-0 is not Running and Ready");
            }
            if pod(c, "web-2").is_some() {
                assert!(ready(c, "web-1"), "web-2 exists while web-1 is not Running and Ready");
            }
        });
        assert!(["web-0", "web-1", "web-2"].iter().all(|n| ready(cluster, n)));
        assert_eq!(claims(cluster), ["www-web-0", "www-web-1", "www-web-2"]);
        let bound = cluster.list(Kind::PersistentVolumeClaim, Some("default")).iter().all(|o| match o {
            Object::PersistentVolumeClaim(c) => c.status.phase == "Bound" && c.spec.volume_name == format!("pvc-{}", c.metadata.uid),
            _ => false,
        });
        assert!(bound, "every claim is bound to a provisioned volume");
    }

    #[test]
    fn scale_down_removes_the_highest_ordinal_first_one_at_a_time_and_keeps_claims() {
        let mut world = World::new(7);
        let cluster = &mut world.cluster;
        assert!(cluster.create(web(3)).is_ok());
        run_for(cluster, 30_000, |_| {});
        set_replicas(cluster, 1);
        run_for(cluster, 120_000, |c| {
            let terminating = |n: &str| pod(c, n).is_some_and(|p| p.metadata.deletion_timestamp.is_some());
            if terminating("web-1") {
                assert!(pod(c, "web-2").is_none(), "web-1 goes only after web-2 is gone");
            }
            assert!(!terminating("web-0"));
        });
        assert!(pod(cluster, "web-1").is_none() && pod(cluster, "web-2").is_none());
        assert!(ready(cluster, "web-0"));
        assert_eq!(claims(cluster), ["www-web-0", "www-web-1", "www-web-2"]);
    }

    #[test]
    fn a_deleted_pod_comes_back_with_its_name_and_its_data() {
        let mut world = World::new(7);
        assert!(world.cluster.create(web(2)).is_ok());
        world.cluster.advance_by(30_000);
        let old_uid = pod(&world.cluster, "web-0").map(|p| p.metadata.uid.clone()).unwrap_or_default();
        let Some(p) = pod(&world.cluster, "web-0").cloned() else { panic!("web-0 exists") };
        let container = p.spec.containers[0].clone();
        crate::cluster::network::volumes::write(&mut world.cluster, &p, &container, "/usr/share/nginx/html/index.html", "hello\n");
        assert!(world.cluster.delete(Kind::Pod, "default", "web-0", DeleteOptions::default()).is_ok());
        world.cluster.advance_by(40_000);
        let Some(again) = pod(&world.cluster, "web-0").cloned() else { panic!("web-0 is back") };
        assert_ne!(again.metadata.uid, old_uid);
        assert!(ready(&world.cluster, "web-0"));
        let text = crate::cluster::network::volumes::read(&world.cluster, &again, &container, "/usr/share/nginx/html/index.html");
        assert_eq!(text.as_deref(), Some("hello\n"));
        assert!(world.cluster.delete(Kind::StatefulSet, "default", "web", DeleteOptions::default()).is_ok());
        world.cluster.advance_by(60_000);
        assert!(pod(&world.cluster, "web-0").is_none() && pod(&world.cluster, "web-1").is_none());
        assert_eq!(claims(&world.cluster), ["www-web-0", "www-web-1"]);
    }

    fn set_image(cluster: &mut Cluster, image: &str, partition: Option<i64>) {
        let Some(Object::StatefulSet(mut sts)) = cluster.get(Kind::StatefulSet, "default", "web").cloned() else { panic!("web exists") };
        sts.spec.template.spec.containers[0].image = image.into();
        if let Some(p) = partition {
            sts.spec.update_strategy.rolling_update.get_or_insert_with(Default::default).partition = Some(p);
        }
        assert!(cluster.update(Object::StatefulSet(sts)).is_ok());
    }

    fn image_of(cluster: &Cluster, name: &str) -> String {
        pod(cluster, name).map(|p| p.spec.containers[0].image.clone()).unwrap_or_default()
    }

    /// (name, revision number) of every ControllerRevision, by name.
    fn revisions(cluster: &Cluster) -> Vec<(String, i64)> {
        cluster
            .list(Kind::ControllerRevision, Some("default"))
            .into_iter()
            .filter_map(|o| match o {
                Object::ControllerRevision(cr) => Some((cr.metadata.name.clone(), cr.revision)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_template_change_is_a_new_revision_rolled_out_from_the_highest_ordinal_one_pod_at_a_time() {
        let mut world = World::new(7);
        let cluster = &mut world.cluster;
        assert!(cluster.create(web(3)).is_ok());
        run_for(cluster, 30_000, |_| {});
        let first = revisions(cluster);
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].1, 1);
        assert_eq!(pod(cluster, "web-0").and_then(|p| p.metadata.labels.get(super::REVISION_LABEL).cloned()), Some(first[0].0.clone()));
        set_image(cluster, "registry.k8s.io/nginx-slim:0.21", None);
        run_for(cluster, 60_000, |c| {
            let not_ready = ["web-0", "web-1", "web-2"].iter().filter(|n| !ready(c, n)).count();
            assert!(not_ready <= 1, "more than one pod down at once");
            if image_of(c, "web-1").ends_with("0.21") {
                assert!(image_of(c, "web-2").ends_with("0.21") && ready(c, "web-2"), "web-1 replaced before web-2 was updated and ready");
            }
            if image_of(c, "web-0").ends_with("0.21") {
                assert!(image_of(c, "web-1").ends_with("0.21") && ready(c, "web-1"), "web-0 replaced before web-1 was updated and ready");
            }
        });
        assert!(["web-0", "web-1", "web-2"].iter().all(|n| ready(cluster, n) && image_of(cluster, n).ends_with("0.21")));
        let all = revisions(cluster);
        assert_eq!(all.len(), 2);
        let Some(Object::StatefulSet(sts)) = cluster.get(Kind::StatefulSet, "default", "web") else { panic!("web exists") };
        let newest = all.iter().find(|(_, n)| *n == 2).map(|(name, _)| name.clone()).unwrap_or_default();
        assert_eq!((sts.status.current_revision.as_str(), sts.status.update_revision.as_str()), (newest.as_str(), newest.as_str()));
        // Going back to the first template renumbers its revision instead of copying it.
        set_image(cluster, "registry.k8s.io/nginx-slim:0.24", None);
        run_for(cluster, 60_000, |_| {});
        let renumbered: Vec<i64> = revisions(cluster).iter().map(|(_, n)| *n).collect();
        assert_eq!(revisions(cluster).iter().find(|(name, _)| *name == first[0].0).map(|(_, n)| *n), Some(3));
        assert_eq!(renumbered.len(), 2);
    }

    #[test]
    fn a_partition_keeps_lower_ordinals_on_the_current_revision_even_when_recreated() {
        let mut world = World::new(7);
        let cluster = &mut world.cluster;
        assert!(cluster.create(web(3)).is_ok());
        run_for(cluster, 30_000, |_| {});
        set_image(cluster, "registry.k8s.io/nginx-slim:0.21", Some(2));
        run_for(cluster, 40_000, |_| {});
        assert_eq!(image_of(cluster, "web-2"), "registry.k8s.io/nginx-slim:0.21");
        assert_eq!(image_of(cluster, "web-1"), "registry.k8s.io/nginx-slim:0.24");
        assert!(cluster.delete(Kind::Pod, "default", "web-1", DeleteOptions::default()).is_ok());
        run_for(cluster, 40_000, |_| {});
        assert!(ready(cluster, "web-1"));
        assert_eq!(image_of(cluster, "web-1"), "registry.k8s.io/nginx-slim:0.24", "recreated below the partition on the old template");
    }

    #[test]
    fn claims_follow_the_retention_policy_when_scaled_down_and_when_the_set_is_deleted() {
        let mut world = World::new(7);
        let cluster = &mut world.cluster;
        let Object::StatefulSet(mut sts) = web(3) else { panic!("a StatefulSet") };
        sts.spec.persistent_volume_claim_retention_policy =
            Some(crate::cluster::objects::statefulset::RetentionPolicy { when_deleted: "Delete".into(), when_scaled: "Delete".into() });
        assert!(cluster.create(Object::StatefulSet(sts)).is_ok());
        run_for(cluster, 30_000, |_| {});
        assert_eq!(claims(cluster), ["www-web-0", "www-web-1", "www-web-2"]);
        set_replicas(cluster, 1);
        run_for(cluster, 120_000, |_| {});
        assert_eq!(claims(cluster), ["www-web-0"], "the claims of removed pods go with them");
        assert!(cluster.delete(Kind::StatefulSet, "default", "web", DeleteOptions::default()).is_ok());
        run_for(cluster, 60_000, |_| {});
        assert!(claims(cluster).is_empty(), "the last claim goes with the set");
        assert!(cluster.list(Kind::PersistentVolume, None).is_empty(), "and their volumes are reclaimed");
    }

    #[test]
    fn old_revisions_beyond_the_history_limit_are_deleted() {
        let mut world = World::new(7);
        let cluster = &mut world.cluster;
        let Object::StatefulSet(mut sts) = web(1) else { panic!("a StatefulSet") };
        sts.spec.revision_history_limit = Some(1);
        assert!(cluster.create(Object::StatefulSet(sts)).is_ok());
        run_for(cluster, 20_000, |_| {});
        for version in ["2", "3", "4"] {
            let Some(Object::StatefulSet(mut sts)) = cluster.get(Kind::StatefulSet, "default", "web").cloned() else { panic!("web exists") };
            sts.spec.template.metadata.annotations.insert("version".into(), version.into());
            assert!(cluster.update(Object::StatefulSet(sts)).is_ok());
            run_for(cluster, 30_000, |_| {});
        }
        let mut numbers: Vec<i64> = revisions(cluster).iter().map(|(_, n)| *n).collect();
        numbers.sort();
        assert_eq!(numbers, [3, 4], "the live revision and one older one");
    }

    #[test]
    fn a_pod_whose_claim_is_missing_stays_pending_until_it_exists() {
        let mut world = World::new(7);
        let pod_value = serde_json::json!({
            "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "db", "namespace": "default"},
            "spec": {"containers": [{"name": "c", "image": "busybox", "command": ["sleep", "3600"]}],
                     "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "x"}}]}
        });
        let Ok(p) = serde_json::from_value::<Pod>(pod_value) else { panic!("test pod") };
        let Ok(created) = world.cluster.create(Object::Pod(p)) else { panic!("created") };
        world.cluster.advance_by(10_000);
        assert!(pod(&world.cluster, "db").is_some_and(|p| p.spec.node_name.is_empty() && p.status.phase == "Pending"));
        let events = world.cluster.events_about(&created.meta().uid);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].message, "0/2 nodes are available: persistentvolumeclaim \"x\" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
        let claim = serde_json::json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "x", "namespace": "default"},
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}});
        let Ok(claim) = serde_json::from_value(claim) else { panic!("test claim") };
        assert!(world.cluster.create(Object::PersistentVolumeClaim(claim)).is_ok());
        world.cluster.advance_by(10_000);
        assert!(ready(&world.cluster, "db"));
    }
}
