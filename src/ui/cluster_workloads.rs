//! The cluster view's model of the workloads that are not Deployments (StatefulSets, DaemonSets,
//! CronJobs -> Jobs -> pods) and of the "config and storage" row (ConfigMaps, Secrets, PVCs,
//! PVs). Plain data with equality, built in the same pass as `cluster_model`, so a memo
//! re-renders only what changed. Secret values never enter this model: only key counts.

use super::cluster_model::PodCard;
use crate::cluster::objects::{Kind, Object, ObjectMeta, Pod, Time};
use crate::world::World;

/// The label a StatefulSet or DaemonSet puts on each pod: the revision the pod was made from.
const REVISION_LABEL: &str = "controller-revision-hash";

/// A PersistentVolumeClaim a pod mounts, as a chip next to the pod.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimChip {
    pub name: String,
    /// `Bound`, `Pending`, `Terminating`, `Lost`, or `Missing` when no such claim exists.
    pub status: String,
    /// CSS class of the status family, as pods use.
    pub tone: &'static str,
}

/// A StatefulSet's pod with its ordinal, revision and claims.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatefulPod {
    pub pod_key: String,
    pub name: String,
    pub ordinal: i64,
    /// The pod's `controller-revision-hash`: which revision it runs.
    pub revision: String,
    pub claims: Vec<ClaimChip>,
}

/// A StatefulSet: READY, its revisions and its pods in ordinal order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatefulSetCard {
    pub key: String,
    pub namespace: String,
    pub name: String,
    /// `ready/desired`, as the READY column shows it.
    pub ready: String,
    pub current_revision: String,
    pub update_revision: String,
    pub pods: Vec<StatefulPod>,
}

/// A DaemonSet: DESIRED/READY, its newest revision and its pods, one per node.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DaemonSetCard {
    pub key: String,
    pub namespace: String,
    pub name: String,
    pub desired: i64,
    pub ready: i64,
    /// The newest ControllerRevision's number, empty before the controller made one.
    pub revision: String,
    /// Keys of its pods, ordered by node.
    pub pods: Vec<String>,
}

/// A Job: COMPLETIONS, its STATUS and its pods.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JobCard {
    pub key: String,
    pub namespace: String,
    pub name: String,
    /// `succeeded/completions`, as the COMPLETIONS column shows it.
    pub completions: String,
    /// `Running`, `Complete`, `Failed`, ... as the STATUS column of `get jobs`.
    pub status: String,
    pub tone: &'static str,
    pub pods: Vec<String>,
}

/// A CronJob with the Jobs it made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CronJobCard {
    pub key: String,
    pub namespace: String,
    pub name: String,
    pub schedule: String,
    pub suspended: bool,
    /// When it last made a Job, as LAST SCHEDULE shows it (`45s`), or `<none>`.
    pub last_schedule: String,
    pub jobs: Vec<JobCard>,
}

/// One small card of the "config and storage" row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ConfigCard {
    /// kubectl's resource name: `configmap`, `secret`, `persistentvolumeclaim`, `persistentvolume`.
    pub resource: &'static str,
    /// Short label of the kind: `cm`, `secret`, `pvc`, `pv`.
    pub kind: &'static str,
    /// `namespace/name` (`/name` for cluster-scoped PVs).
    pub key: String,
    pub name: String,
    /// What to know at a glance: key count, capacity, the claim a volume is bound to.
    pub detail: String,
    /// Phase of a claim or volume, empty for ConfigMaps and Secrets.
    pub status: String,
    pub tone: &'static str,
}

/// Everything of this module for one namespace filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workloads {
    pub stateful_sets: Vec<StatefulSetCard>,
    pub daemon_sets: Vec<DaemonSetCard>,
    pub cron_jobs: Vec<CronJobCard>,
    /// Jobs no CronJob owns.
    pub jobs: Vec<JobCard>,
    pub config: Vec<ConfigCard>,
}

/// The group key a departed pod was shown under, for [`Workloads::add_exiting`].
fn group_key(kind: &str, key: &str) -> String {
    format!("{kind}:{key}")
}

impl Workloads {
    /// Whether no workload group is shown (the config row does not count).
    pub fn has_no_workloads(&self) -> bool {
        self.stateful_sets.is_empty() && self.daemon_sets.is_empty() && self.cron_jobs.is_empty() && self.jobs.is_empty()
    }

    /// Every pod key shown in a group here.
    pub fn pod_keys(&self) -> impl Iterator<Item = &String> {
        let sts = self.stateful_sets.iter().flat_map(|s| s.pods.iter().map(|p| &p.pod_key));
        let ds = self.daemon_sets.iter().flat_map(|d| d.pods.iter());
        let jobs = self.all_jobs().flat_map(|j| j.pods.iter());
        sts.chain(ds).chain(jobs)
    }

    /// Every Job, owned by a CronJob or not.
    pub fn all_jobs(&self) -> impl Iterator<Item = &JobCard> {
        self.cron_jobs.iter().flat_map(|c| c.jobs.iter()).chain(self.jobs.iter())
    }

    pub fn stateful_set(&self, key: &str) -> Option<&StatefulSetCard> {
        self.stateful_sets.iter().find(|s| s.key == key)
    }

    pub fn daemon_set(&self, key: &str) -> Option<&DaemonSetCard> {
        self.daemon_sets.iter().find(|d| d.key == key)
    }

    pub fn cron_job(&self, key: &str) -> Option<&CronJobCard> {
        self.cron_jobs.iter().find(|c| c.key == key)
    }

    pub fn job(&self, key: &str) -> Option<&JobCard> {
        self.all_jobs().find(|j| j.key == key)
    }

    /// The group showing the pod under `pod_key` (a key [`Workloads::add_exiting`] understands).
    pub fn group_of(&self, pod_key: &str) -> Option<String> {
        if let Some(s) = self.stateful_sets.iter().find(|s| s.pods.iter().any(|p| p.pod_key == pod_key)) {
            return Some(group_key("sts", &s.key));
        }
        if let Some(d) = self.daemon_sets.iter().find(|d| d.pods.iter().any(|p| p == pod_key)) {
            return Some(group_key("ds", &d.key));
        }
        self.all_jobs().find(|j| j.pods.iter().any(|p| p == pod_key)).map(|j| group_key("job", &j.key))
    }

    /// Puts a departed pod back in the group it was shown in; false when no group here has that key.
    pub fn add_exiting(&mut self, group: &str, card: &PodCard) -> bool {
        let Some((kind, key)) = group.split_once(':') else { return false };
        match kind {
            "sts" => match self.stateful_sets.iter_mut().find(|s| s.key == key) {
                Some(set) => {
                    set.pods.push(StatefulPod {
                        pod_key: card.key.clone(),
                        name: card.name.clone(),
                        ordinal: ordinal(&set.name, &card.name),
                        revision: String::new(),
                        claims: Vec::new(),
                    });
                    set.pods.sort_by_key(|p| p.ordinal);
                    true
                }
                None => false,
            },
            "ds" => match self.daemon_sets.iter_mut().find(|d| d.key == key) {
                Some(set) => {
                    set.pods.push(card.key.clone());
                    true
                }
                None => false,
            },
            "job" => {
                let jobs = self.cron_jobs.iter_mut().flat_map(|c| c.jobs.iter_mut()).chain(self.jobs.iter_mut());
                for job in jobs {
                    if job.key == key {
                        job.pods.push(card.key.clone());
                        return true;
                    }
                }
                false
            }
            _ => false,
        }
    }

    /// Whether some text shown depends on the virtual clock (LAST SCHEDULE's age).
    pub fn shows_time(&self) -> bool {
        self.cron_jobs.iter().any(|c| c.last_schedule != "<none>")
    }
}

/// `namespace/name` of an object.
fn key_of(meta: &ObjectMeta) -> String {
    format!("{}/{}", meta.namespace, meta.name)
}

/// The name of the owner of `kind`, if `meta` has one.
fn owner(meta: &ObjectMeta, kind: &str) -> Option<String> {
    meta.owner_references.iter().find(|r| r.kind == kind).map(|r| r.name.clone())
}

/// A StatefulSet pod's ordinal: the number after `<set>-` (large when it is not one, so it sorts last).
fn ordinal(set: &str, pod: &str) -> i64 {
    pod.strip_prefix(set).and_then(|rest| rest.strip_prefix('-')).and_then(|n| n.parse().ok()).unwrap_or(i64::MAX)
}

/// The colour family of a claim's or volume's phase.
fn phase_tone(phase: &str) -> &'static str {
    match phase {
        "Bound" => "running",
        "Pending" | "Available" => "pending",
        "Released" => "completed",
        "Terminating" => "terminating",
        _ => "failing",
    }
}

/// The colour family of a Job's STATUS.
fn job_tone(status: &str) -> &'static str {
    match status {
        "Complete" => "completed",
        "Running" => "running",
        "Suspended" => "pending",
        "Terminating" => "terminating",
        _ => "failing",
    }
}

/// A claim's phase as the learner should read it: `Terminating` while being deleted.
fn claim_status(world: &World, namespace: &str, name: &str) -> String {
    let claims = world.cluster.store.list(Kind::PersistentVolumeClaim, Some(namespace));
    match claims.into_iter().find(|o| o.meta().name == name) {
        Some(Object::PersistentVolumeClaim(pvc)) if pvc.metadata.deletion_timestamp.is_some() => "Terminating".into(),
        Some(Object::PersistentVolumeClaim(pvc)) if pvc.status.phase.is_empty() => "Pending".into(),
        Some(Object::PersistentVolumeClaim(pvc)) => pvc.status.phase.clone(),
        _ => "Missing".into(),
    }
}

/// The claims a pod mounts, in the order of its volumes.
fn pod_claims(world: &World, pod: &Pod) -> Vec<ClaimChip> {
    pod.spec
        .volumes
        .iter()
        .filter_map(|v| v.persistent_volume_claim.as_ref()?.get("claimName")?.as_str().map(str::to_string))
        .map(|name| {
            let status = claim_status(world, &pod.metadata.namespace, &name);
            ClaimChip { tone: phase_tone(&status), status, name }
        })
        .collect()
}

/// Builds this module's part of the model of `world`, showing only `namespace` (all when
/// `None`); `pods` are the pods of that filter with their cards, as `cluster_model` made them.
pub fn build(world: &World, namespace: Option<&str>, pods: &[(&Pod, PodCard)], now: Time) -> Workloads {
    let store = &world.cluster.store;
    let owned_by = |kind: &'static str, meta: &ObjectMeta| {
        let (ns, name) = (meta.namespace.clone(), meta.name.clone());
        pods.iter()
            .filter(move |(pod, _)| pod.metadata.namespace == ns && owner(&pod.metadata, kind).as_deref() == Some(name.as_str()))
            .collect::<Vec<_>>()
    };

    let mut stateful_sets = Vec::new();
    let mut daemon_sets = Vec::new();
    let mut cron_jobs = Vec::new();
    let mut all_jobs: Vec<(Option<String>, JobCard)> = Vec::new();
    for object in store.list(Kind::StatefulSet, namespace) {
        let Object::StatefulSet(sts) = object else { continue };
        let meta = &sts.metadata;
        let mut set_pods: Vec<StatefulPod> = owned_by("StatefulSet", meta)
            .into_iter()
            .map(|(pod, card)| StatefulPod {
                pod_key: card.key.clone(),
                name: card.name.clone(),
                ordinal: ordinal(&meta.name, &card.name),
                revision: pod.metadata.labels.get(REVISION_LABEL).cloned().unwrap_or_default(),
                claims: pod_claims(world, pod),
            })
            .collect();
        set_pods.sort_by(|a, b| (a.ordinal, &a.name).cmp(&(b.ordinal, &b.name)));
        stateful_sets.push(StatefulSetCard {
            key: key_of(meta),
            namespace: meta.namespace.clone(),
            name: meta.name.clone(),
            ready: format!("{}/{}", sts.status.ready_replicas.unwrap_or(0), sts.spec.replicas.unwrap_or(1)),
            current_revision: sts.status.current_revision.clone(),
            update_revision: sts.status.update_revision.clone(),
            pods: set_pods,
        });
    }
    for object in store.list(Kind::DaemonSet, namespace) {
        let Object::DaemonSet(ds) = object else { continue };
        let meta = &ds.metadata;
        let mut set_pods: Vec<(String, String)> = owned_by("DaemonSet", meta).into_iter().map(|(_, c)| (c.node.clone(), c.key.clone())).collect();
        set_pods.sort();
        let revision = store
            .list(Kind::ControllerRevision, Some(&meta.namespace))
            .into_iter()
            .filter_map(|o| match o {
                Object::ControllerRevision(r) if owner(&r.metadata, "DaemonSet").as_deref() == Some(meta.name.as_str()) => Some(r.revision),
                _ => None,
            })
            .max();
        daemon_sets.push(DaemonSetCard {
            key: key_of(meta),
            namespace: meta.namespace.clone(),
            name: meta.name.clone(),
            desired: ds.status.desired_number_scheduled,
            ready: ds.status.number_ready,
            revision: revision.map(|r| r.to_string()).unwrap_or_default(),
            pods: set_pods.into_iter().map(|(_, key)| key).collect(),
        });
    }
    for object in store.list(Kind::Job, namespace) {
        let Object::Job(job) = object else { continue };
        let meta = &job.metadata;
        let status = job.status_word().to_string();
        all_jobs.push((
            owner(meta, "CronJob"),
            JobCard {
                key: key_of(meta),
                namespace: meta.namespace.clone(),
                name: meta.name.clone(),
                completions: format!("{}/{}", job.status.succeeded.unwrap_or(0), job.completions()),
                tone: job_tone(&status),
                status,
                pods: owned_by("Job", meta).into_iter().map(|(_, c)| c.key.clone()).collect(),
            },
        ));
    }
    for object in store.list(Kind::CronJob, namespace) {
        let Object::CronJob(cj) = object else { continue };
        let meta = &cj.metadata;
        let jobs = all_jobs
            .iter()
            .filter(|(owner, job)| owner.as_deref() == Some(meta.name.as_str()) && job.namespace == meta.namespace)
            .map(|(_, job)| job.clone())
            .collect();
        cron_jobs.push(CronJobCard {
            key: key_of(meta),
            namespace: meta.namespace.clone(),
            name: meta.name.clone(),
            schedule: cj.spec.schedule.clone(),
            suspended: cj.is_suspended(),
            last_schedule: cj.status.last_schedule_time.map_or_else(|| "<none>".into(), |t| crate::cluster::objects::time::human_duration(t.until(now))),
            jobs,
        });
    }
    let jobs = all_jobs
        .into_iter()
        .filter(|(owner, job)| !owner.as_ref().is_some_and(|o| cron_jobs.iter().any(|c| &c.name == o && c.namespace == job.namespace)))
        .map(|(_, job)| job)
        .collect();
    Workloads { stateful_sets, daemon_sets, cron_jobs, jobs, config: config_cards(world, namespace) }
}

/// The "config and storage" row: ConfigMaps and Secrets with their key counts (never a value),
/// claims and volumes with their phase. Volumes are shown with every namespace, or when bound
/// to a claim of the namespace shown.
fn config_cards(world: &World, namespace: Option<&str>) -> Vec<ConfigCard> {
    let store = &world.cluster.store;
    let keys = |n: usize| if n == 1 { "1 key".to_string() } else { format!("{n} keys") };
    let mut cards = Vec::new();
    for object in store.list(Kind::ConfigMap, namespace) {
        let Object::ConfigMap(cm) = object else { continue };
        let meta = &cm.metadata;
        cards.push(ConfigCard { resource: "configmap", kind: "cm", key: key_of(meta), name: meta.name.clone(), detail: keys(cm.key_count()), status: String::new(), tone: "" });
    }
    for object in store.list(Kind::Secret, namespace) {
        let Object::Secret(secret) = object else { continue };
        let meta = &secret.metadata;
        let count = secret.data.len() + secret.string_data.keys().filter(|k| !secret.data.contains_key(*k)).count();
        cards.push(ConfigCard { resource: "secret", kind: "secret", key: key_of(meta), name: meta.name.clone(), detail: keys(count), status: String::new(), tone: "" });
    }
    for object in store.list(Kind::PersistentVolumeClaim, namespace) {
        let Object::PersistentVolumeClaim(pvc) = object else { continue };
        let meta = &pvc.metadata;
        let status = if meta.deletion_timestamp.is_some() {
            "Terminating".to_string()
        } else if pvc.status.phase.is_empty() {
            "Pending".to_string()
        } else {
            pvc.status.phase.clone()
        };
        let size = pvc.status.capacity.get("storage").cloned().unwrap_or_else(|| pvc.requested_storage());
        // The volume's card names the claim; its generated name would only crowd this one.
        cards.push(ConfigCard { resource: "persistentvolumeclaim", kind: "pvc", key: key_of(meta), name: meta.name.clone(), detail: size, tone: phase_tone(&status), status });
    }
    for object in store.list(Kind::PersistentVolume, None) {
        let Object::PersistentVolume(pv) = object else { continue };
        let claim = pv.spec.claim_ref.as_ref();
        if let Some(ns) = namespace {
            if claim.is_none_or(|c| c.namespace != ns) {
                continue;
            }
        }
        let meta = &pv.metadata;
        let status = if meta.deletion_timestamp.is_some() { "Terminating".to_string() } else { pv.status.phase.clone() };
        let size = pv.spec.capacity.get("storage").cloned().unwrap_or_default();
        let detail = match claim {
            Some(c) => format!("{size} ← {}/{}", c.namespace, c.name),
            None => size,
        };
        cards.push(ConfigCard { resource: "persistentvolume", kind: "pv", key: format!("/{}", meta.name), name: meta.name.clone(), detail, tone: phase_tone(&status), status });
    }
    cards
}
