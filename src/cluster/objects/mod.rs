//! The Kubernetes types kubeplay models: a strict subset, deserialized with `deny_unknown_fields`
//! so a typo in a manifest is an error that names the field, as with kubectl's strict validation.

pub mod cluster_kinds;
pub mod batch;
pub mod config;
pub mod controller_revision;
pub mod daemonset;
pub mod ingress;
pub mod meta;
pub mod pod;
pub mod service;
pub mod statefulset;
pub mod storage;
pub mod time;
pub mod workload;

pub use cluster_kinds::{Event, Namespace, Node};
pub use config::{ConfigMap, Secret};
pub use batch::{CronJob, Job};
pub use controller_revision::ControllerRevision;
pub use daemonset::DaemonSet;
pub use ingress::{Ingress, IngressClass};
pub use meta::{LabelSelector, ObjectMeta, OwnerReference, StringMap};
pub use pod::{Pod, PodSpec, PodTemplateSpec};
pub use service::{EndpointSlice, Endpoints, Service};
pub use statefulset::StatefulSet;
pub use storage::{PersistentVolume, PersistentVolumeClaim, StorageClass};
pub use time::Time;
pub use workload::{Deployment, ReplicaSet};

use serde::{Deserialize, Serialize};

/// Every kind the simulated API server stores. The order is the order `get all` lists them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    Pod,
    Service,
    Deployment,
    ReplicaSet,
    Namespace,
    Node,
    Event,
    Endpoints,
    EndpointSlice,
    Ingress,
    IngressClass,
    ConfigMap,
    Secret,
    StatefulSet,
    PersistentVolumeClaim,
    PersistentVolume,
    StorageClass,
    ControllerRevision,
    DaemonSet,
    Job,
    CronJob,
}

/// What discovery knows of a kind: the names kubectl accepts and prints.
#[derive(Debug)]
pub struct KindInfo {
    pub kind: Kind,
    /// The Kind as written in manifests: `Deployment`.
    pub name: &'static str,
    /// The plural resource name: `deployments`.
    pub plural: &'static str,
    /// The singular resource name: `deployment`.
    pub singular: &'static str,
    pub short_names: &'static [&'static str],
    /// API group, empty for the core group.
    pub group: &'static str,
    pub version: &'static str,
    pub namespaced: bool,
    /// Whether `kubectl get all` includes it.
    pub in_all: bool,
}

/// Discovery data, in `kubectl api-resources` order within our subset.
pub const KINDS: &[KindInfo] = &[
    KindInfo { kind: Kind::ConfigMap, name: "ConfigMap", plural: "configmaps", singular: "configmap", short_names: &["cm"], group: "", version: "v1", namespaced: true, in_all: false },
    KindInfo { kind: Kind::Endpoints, name: "Endpoints", plural: "endpoints", singular: "endpoints", short_names: &["ep"], group: "", version: "v1", namespaced: true, in_all: false },
    KindInfo { kind: Kind::Event, name: "Event", plural: "events", singular: "event", short_names: &["ev"], group: "", version: "v1", namespaced: true, in_all: false },
    KindInfo { kind: Kind::Namespace, name: "Namespace", plural: "namespaces", singular: "namespace", short_names: &["ns"], group: "", version: "v1", namespaced: false, in_all: false },
    KindInfo { kind: Kind::Node, name: "Node", plural: "nodes", singular: "node", short_names: &["no"], group: "", version: "v1", namespaced: false, in_all: false },
    KindInfo { kind: Kind::PersistentVolumeClaim, name: "PersistentVolumeClaim", plural: "persistentvolumeclaims", singular: "persistentvolumeclaim", short_names: &["pvc"], group: "", version: "v1", namespaced: true, in_all: false },
    KindInfo { kind: Kind::PersistentVolume, name: "PersistentVolume", plural: "persistentvolumes", singular: "persistentvolume", short_names: &["pv"], group: "", version: "v1", namespaced: false, in_all: false },
    KindInfo { kind: Kind::Pod, name: "Pod", plural: "pods", singular: "pod", short_names: &["po"], group: "", version: "v1", namespaced: true, in_all: true },
    KindInfo { kind: Kind::Secret, name: "Secret", plural: "secrets", singular: "secret", short_names: &[], group: "", version: "v1", namespaced: true, in_all: false },
    KindInfo { kind: Kind::Service, name: "Service", plural: "services", singular: "service", short_names: &["svc"], group: "", version: "v1", namespaced: true, in_all: true },
    KindInfo { kind: Kind::ControllerRevision, name: "ControllerRevision", plural: "controllerrevisions", singular: "controllerrevision", short_names: &[], group: "apps", version: "v1", namespaced: true, in_all: false },
    KindInfo { kind: Kind::DaemonSet, name: "DaemonSet", plural: "daemonsets", singular: "daemonset", short_names: &["ds"], group: "apps", version: "v1", namespaced: true, in_all: true },
    KindInfo { kind: Kind::Deployment, name: "Deployment", plural: "deployments", singular: "deployment", short_names: &["deploy"], group: "apps", version: "v1", namespaced: true, in_all: true },
    KindInfo { kind: Kind::ReplicaSet, name: "ReplicaSet", plural: "replicasets", singular: "replicaset", short_names: &["rs"], group: "apps", version: "v1", namespaced: true, in_all: true },
    KindInfo { kind: Kind::StatefulSet, name: "StatefulSet", plural: "statefulsets", singular: "statefulset", short_names: &["sts"], group: "apps", version: "v1", namespaced: true, in_all: true },
    KindInfo { kind: Kind::CronJob, name: "CronJob", plural: "cronjobs", singular: "cronjob", short_names: &["cj"], group: "batch", version: "v1", namespaced: true, in_all: true },
    KindInfo { kind: Kind::Job, name: "Job", plural: "jobs", singular: "job", short_names: &[], group: "batch", version: "v1", namespaced: true, in_all: true },
    KindInfo { kind: Kind::IngressClass, name: "IngressClass", plural: "ingressclasses", singular: "ingressclass", short_names: &[], group: "networking.k8s.io", version: "v1", namespaced: false, in_all: false },
    KindInfo { kind: Kind::Ingress, name: "Ingress", plural: "ingresses", singular: "ingress", short_names: &["ing"], group: "networking.k8s.io", version: "v1", namespaced: true, in_all: false },
    KindInfo { kind: Kind::EndpointSlice, name: "EndpointSlice", plural: "endpointslices", singular: "endpointslice", short_names: &[], group: "discovery.k8s.io", version: "v1", namespaced: true, in_all: false },
    KindInfo { kind: Kind::StorageClass, name: "StorageClass", plural: "storageclasses", singular: "storageclass", short_names: &["sc"], group: "storage.k8s.io", version: "v1", namespaced: false, in_all: false },
];

impl Kind {
    /// Discovery data for this kind.
    pub fn info(self) -> &'static KindInfo {
        KINDS.iter().find(|k| k.kind == self).expect("every Kind has a KINDS entry")
    }

    /// Looks a kind up by any name kubectl accepts: `pods`, `pod`, `po`, `Pod`, `deployments.apps`.
    pub fn from_resource_name(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        let (base, group) = match lower.split_once('.') {
            Some((b, g)) => (b.to_string(), Some(g.to_string())),
            None => (lower.clone(), None),
        };
        KINDS
            .iter()
            .find(|k| {
                let name_ok = k.plural == base
                    || k.singular == base
                    || k.short_names.contains(&base.as_str())
                    || k.name.to_ascii_lowercase() == base;
                let group_ok = match &group {
                    None => true,
                    Some(g) => g == k.group || g == &format!("{}/{}", k.group, k.version),
                };
                name_ok && group_ok
            })
            .map(|k| k.kind)
    }

    /// Finds a kind by manifest `apiVersion` and `kind`; `None` when we do not serve it.
    pub fn from_manifest(api_version: &str, kind: &str) -> Option<Kind> {
        KINDS
            .iter()
            .find(|k| {
                let expected = if k.group.is_empty() {
                    k.version.to_string()
                } else {
                    format!("{}/{}", k.group, k.version)
                };
                k.name == kind && expected == api_version
            })
            .map(|k| k.kind)
    }

    /// `apps/v1` or `v1`.
    pub fn api_version(self) -> String {
        let i = self.info();
        if i.group.is_empty() { i.version.into() } else { format!("{}/{}", i.group, i.version) }
    }

    /// `deployment.apps` / `pod`: the prefix of `-o name` and of mutation messages.
    pub fn name_prefix(self) -> String {
        let i = self.info();
        if i.group.is_empty() { i.singular.into() } else { format!("{}.{}", i.singular, i.group) }
    }

    /// `deployments.apps` / `pods`: how server errors name the resource.
    pub fn resource_with_group(self) -> String {
        let i = self.info();
        if i.group.is_empty() { i.plural.into() } else { format!("{}.{}", i.plural, i.group) }
    }

    /// Whether objects of this kind live in a namespace.
    pub fn namespaced(self) -> bool {
        self.info().namespaced
    }
}

/// One stored object of any kind. Serialized as the plain object; read back by its `kind`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Object {
    Pod(Pod),
    Deployment(Deployment),
    ReplicaSet(ReplicaSet),
    Namespace(Namespace),
    Node(Node),
    Event(Event),
    Service(Service),
    Endpoints(Endpoints),
    EndpointSlice(EndpointSlice),
    Ingress(Ingress),
    IngressClass(IngressClass),
    ConfigMap(ConfigMap),
    Secret(Secret),
    StatefulSet(StatefulSet),
    PersistentVolumeClaim(PersistentVolumeClaim),
    PersistentVolume(PersistentVolume),
    StorageClass(StorageClass),
    ControllerRevision(ControllerRevision),
    DaemonSet(DaemonSet),
    Job(Job),
    CronJob(CronJob),
}

macro_rules! each_variant {
    ($value:expr, $bind:ident => $body:expr) => {
        match $value {
            Object::Pod($bind) => $body,
            Object::Deployment($bind) => $body,
            Object::ReplicaSet($bind) => $body,
            Object::Namespace($bind) => $body,
            Object::Node($bind) => $body,
            Object::Event($bind) => $body,
            Object::Service($bind) => $body,
            Object::Endpoints($bind) => $body,
            Object::EndpointSlice($bind) => $body,
            Object::Ingress($bind) => $body,
            Object::IngressClass($bind) => $body,
            Object::ConfigMap($bind) => $body,
            Object::Secret($bind) => $body,
            Object::StatefulSet($bind) => $body,
            Object::PersistentVolumeClaim($bind) => $body,
            Object::PersistentVolume($bind) => $body,
            Object::StorageClass($bind) => $body,
            Object::ControllerRevision($bind) => $body,
            Object::DaemonSet($bind) => $body,
            Object::Job($bind) => $body,
            Object::CronJob($bind) => $body,
        }
    };
}

impl Object {
    /// The object's metadata.
    pub fn meta(&self) -> &ObjectMeta {
        each_variant!(self, o => &o.metadata)
    }

    /// The object's metadata, for changes.
    pub fn meta_mut(&mut self) -> &mut ObjectMeta {
        each_variant!(self, o => &mut o.metadata)
    }

    /// Which kind this object is.
    pub fn kind(&self) -> Kind {
        match self {
            Object::Pod(_) => Kind::Pod,
            Object::Deployment(_) => Kind::Deployment,
            Object::ReplicaSet(_) => Kind::ReplicaSet,
            Object::Namespace(_) => Kind::Namespace,
            Object::Node(_) => Kind::Node,
            Object::Event(_) => Kind::Event,
            Object::Service(_) => Kind::Service,
            Object::Endpoints(_) => Kind::Endpoints,
            Object::EndpointSlice(_) => Kind::EndpointSlice,
            Object::Ingress(_) => Kind::Ingress,
            Object::IngressClass(_) => Kind::IngressClass,
            Object::ConfigMap(_) => Kind::ConfigMap,
            Object::Secret(_) => Kind::Secret,
            Object::StatefulSet(_) => Kind::StatefulSet,
            Object::PersistentVolumeClaim(_) => Kind::PersistentVolumeClaim,
            Object::PersistentVolume(_) => Kind::PersistentVolume,
            Object::StorageClass(_) => Kind::StorageClass,
            Object::ControllerRevision(_) => Kind::ControllerRevision,
            Object::DaemonSet(_) => Kind::DaemonSet,
            Object::Job(_) => Kind::Job,
            Object::CronJob(_) => Kind::CronJob,
        }
    }

    /// Sets `apiVersion` and `kind` from the variant, as the API server returns them.
    pub fn set_type_meta(&mut self) {
        let kind = self.kind();
        let (api_version, name) = (kind.api_version(), kind.info().name.to_string());
        each_variant!(self, o => { o.api_version = api_version; o.kind = name; })
    }

    /// The object as JSON with keys sorted, the form every printer starts from.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The `spec` part (or the whole object for kinds without one), to decide whether
    /// `generation` must change and whether `apply` changed anything.
    pub fn spec_json(&self) -> serde_json::Value {
        let value = match self {
            // Binding a pod to a node is not a spec change: its generation stays.
            Object::Pod(o) => serde_json::to_value(PodSpec { node_name: String::new(), ..o.spec.clone() }),
            Object::Deployment(o) => serde_json::to_value(&o.spec),
            Object::ReplicaSet(o) => serde_json::to_value(&o.spec),
            Object::Namespace(o) => serde_json::to_value(&o.spec),
            Object::Node(o) => serde_json::to_value(&o.spec),
            Object::Event(o) => serde_json::to_value(o),
            Object::Service(o) => serde_json::to_value(&o.spec),
            Object::Endpoints(o) => serde_json::to_value(&o.subsets),
            Object::EndpointSlice(o) => serde_json::to_value((&o.endpoints, &o.ports)),
            Object::Ingress(o) => serde_json::to_value(&o.spec),
            Object::IngressClass(o) => serde_json::to_value(&o.spec),
            Object::ConfigMap(o) => serde_json::to_value((&o.data, &o.binary_data, &o.immutable)),
            Object::Secret(o) => serde_json::to_value((&o.data, &o.type_, &o.immutable)),
            Object::StatefulSet(o) => serde_json::to_value(&o.spec),
            Object::PersistentVolumeClaim(o) => serde_json::to_value(&o.spec),
            Object::PersistentVolume(o) => serde_json::to_value(&o.spec),
            Object::StorageClass(o) => serde_json::to_value((&o.provisioner, &o.parameters, &o.reclaim_policy, &o.volume_binding_mode, &o.allow_volume_expansion)),
            Object::ControllerRevision(o) => serde_json::to_value((&o.data, &o.revision)),
            Object::DaemonSet(o) => serde_json::to_value(&o.spec),
            Object::Job(o) => serde_json::to_value(&o.spec),
            Object::CronJob(o) => serde_json::to_value(&o.spec),
        };
        value.unwrap_or(serde_json::Value::Null)
    }

    /// Whether this kind tracks `metadata.generation` (spec changes bump it).
    pub fn has_generation(&self) -> bool {
        matches!(self, Object::Deployment(_) | Object::ReplicaSet(_) | Object::Pod(_) | Object::Ingress(_) | Object::IngressClass(_) | Object::StatefulSet(_) | Object::DaemonSet(_) | Object::Job(_) | Object::CronJob(_))
    }
}

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = serde_json::Value::deserialize(d)?;
        let kind = value.get("kind").and_then(|k| k.as_str()).unwrap_or("").to_string();
        let object = match kind.as_str() {
            "Pod" => serde_json::from_value(value).map(Object::Pod),
            "Deployment" => serde_json::from_value(value).map(Object::Deployment),
            "ReplicaSet" => serde_json::from_value(value).map(Object::ReplicaSet),
            "Namespace" => serde_json::from_value(value).map(Object::Namespace),
            "Node" => serde_json::from_value(value).map(Object::Node),
            "Event" => serde_json::from_value(value).map(Object::Event),
            "Service" => serde_json::from_value(value).map(Object::Service),
            "Endpoints" => serde_json::from_value(value).map(Object::Endpoints),
            "EndpointSlice" => serde_json::from_value(value).map(Object::EndpointSlice),
            "Ingress" => serde_json::from_value(value).map(Object::Ingress),
            "IngressClass" => serde_json::from_value(value).map(Object::IngressClass),
            "ConfigMap" => serde_json::from_value(value).map(Object::ConfigMap),
            "Secret" => serde_json::from_value(value).map(Object::Secret),
            "StatefulSet" => serde_json::from_value(value).map(Object::StatefulSet),
            "PersistentVolumeClaim" => serde_json::from_value(value).map(Object::PersistentVolumeClaim),
            "PersistentVolume" => serde_json::from_value(value).map(Object::PersistentVolume),
            "StorageClass" => serde_json::from_value(value).map(Object::StorageClass),
            "ControllerRevision" => serde_json::from_value(value).map(Object::ControllerRevision),
            "DaemonSet" => serde_json::from_value(value).map(Object::DaemonSet),
            "Job" => serde_json::from_value(value).map(Object::Job),
            "CronJob" => serde_json::from_value(value).map(Object::CronJob),
            other => return Err(D::Error::custom(format!("unknown kind {other:?}"))),
        };
        object.map_err(D::Error::custom)
    }
}
