//! The API server's verbs as kubectl uses them: create, update, delete, get, list. Each one
//! checks, defaults and validates like the real server, and leaves the store untouched on error.

use super::api_error::ApiError;
use super::defaults::{apply_defaults, apply_update_defaults};
use super::names;
use super::objects::{Kind, Object};
use super::store::ObjectKey;
use super::validation::{validate, validate_update};
use super::Cluster;

/// How a delete should proceed (`--grace-period`, `--force`).
#[derive(Clone, Copy, Debug, Default)]
pub struct DeleteOptions {
    /// Seconds of graceful termination; `None` uses the pod's own setting.
    pub grace_period_seconds: Option<i64>,
    /// `--force --grace-period=0`: remove at once without waiting for the kubelet.
    pub force: bool,
}

impl Cluster {
    /// Creates an object; fills name (from generateName), uid, timestamps and defaults.
    pub fn create(&mut self, mut object: Object) -> Result<Object, ApiError> {
        self.warnings.clear();
        let kind = object.kind();
        if kind.namespaced() {
            if object.meta().namespace.is_empty() {
                object.meta_mut().namespace = "default".into();
            }
            self.check_namespace_accepts(&object.meta().namespace.clone())?;
        } else {
            object.meta_mut().namespace.clear();
        }
        if object.meta().name.is_empty() && !object.meta().generate_name.is_empty() {
            loop {
                let name = names::generate_name(&object.meta().generate_name, self.rng.inner());
                if self.get(kind, &object.meta().namespace, &name).is_none() {
                    object.meta_mut().name = name;
                    break;
                }
            }
        }
        if object.meta().name.is_empty() {
            return Err(ApiError::invalid(
                kind.info().name,
                "",
                vec!["metadata.name: Required value: name or generateName is required".into()],
            ));
        }
        let key = ObjectKey::of(&object);
        if self.store.get(&key).is_some() {
            return Err(ApiError::already_exists(&kind.resource_with_group(), &key.name));
        }
        apply_defaults(&mut object, &mut self.rng);
        let mut causes = validate(&object);
        if causes.is_empty() {
            causes = self.allocate_service_addresses(None, &mut object);
        }
        if !causes.is_empty() {
            return Err(ApiError::invalid(kind.info().name, &key.name, causes));
        }
        self.warnings = super::validation::warnings_on_create(&object);
        self.admit(&object)?;
        object.set_type_meta();
        let now = self.now();
        let uid = names::uuid(self.rng.inner());
        let meta = object.meta_mut();
        meta.uid = uid;
        meta.creation_timestamp = Some(now);
        meta.resource_version.clear();
        meta.deletion_timestamp = None;
        if let Object::Job(job) = &mut object {
            super::defaults::batch_and_daemons::stamp_job_selector(job);
        }
        if object.has_generation() {
            object.meta_mut().generation = 1;
        }
        Ok(self.store.insert(object, now))
    }

    /// Replaces an existing object with `object` (spec and metadata as given; status kept from
    /// the stored one unless `keep_status` is false, which is what controllers use).
    pub fn update(&mut self, object: Object) -> Result<Object, ApiError> {
        self.write(object, true)
    }

    /// Like [`Cluster::update`] but also writes `status`: for controllers and the kubelet.
    pub fn update_status(&mut self, object: Object) -> Result<Object, ApiError> {
        self.write(object, false)
    }

    fn write(&mut self, mut object: Object, keep_status: bool) -> Result<Object, ApiError> {
        let kind = object.kind();
        let key = ObjectKey::of(&object);
        let Some(old) = self.store.get(&key).cloned() else {
            return Err(ApiError::not_found(&kind.resource_with_group(), &key.name));
        };
        if keep_status {
            object = with_status_of(object, &old);
            apply_update_defaults(&mut object);
            let mut causes = validate_update(&old, &object);
            if causes.is_empty() {
                causes = self.allocate_service_addresses(Some(&old), &mut object);
            }
            if !causes.is_empty() {
                return Err(ApiError::invalid(kind.info().name, &key.name, causes));
            }
            self.warnings.clear();
            self.admit(&object)?;
        }
        object.set_type_meta();
        let now = self.now();
        if finalized(&object) {
            // The last finalizer of an object being deleted is gone: the deletion completes.
            return Ok(self.store.remove(&key, now).unwrap_or(old));
        }
        Ok(self.store.replace(object, now).unwrap_or(old))
    }

    /// Deletes an object: pods terminate gracefully, namespaces empty themselves first, other
    /// objects go at once and the garbage collector removes what they owned.
    pub fn delete(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        options: DeleteOptions,
    ) -> Result<Object, ApiError> {
        let key = ObjectKey::new(kind, namespace, name);
        let Some(object) = self.store.get(&key).cloned() else {
            return Err(ApiError::not_found(&kind.resource_with_group(), name));
        };
        let now = self.now();
        match object {
            Object::Pod(mut pod) => {
                let grace = options
                    .grace_period_seconds
                    .or(pod.spec.termination_grace_period_seconds)
                    .unwrap_or(30)
                    .max(0);
                let unscheduled = pod.spec.node_name.is_empty();
                if (options.force && grace == 0) || unscheduled || pod.is_terminal() {
                    return Ok(self.store.remove(&key, now).unwrap_or(Object::Pod(pod)));
                }
                if pod.metadata.deletion_timestamp.is_some() {
                    let current = pod.metadata.deletion_grace_period_seconds.unwrap_or(grace);
                    if grace >= current {
                        return Ok(Object::Pod(pod));
                    }
                }
                let grace = grace.max(1);
                pod.metadata.deletion_timestamp = Some(now.plus_ms(grace * 1000));
                pod.metadata.deletion_grace_period_seconds = Some(grace);
                Ok(self.store.replace(Object::Pod(pod.clone()), now).unwrap_or(Object::Pod(pod)))
            }
            Object::Namespace(mut ns) => {
                if ["default", "kube-system", "kube-public", "kube-node-lease"].contains(&name) {
                    return Err(ApiError::forbidden(format!(
                        "namespaces \"{name}\" is forbidden: this namespace may not be deleted"
                    )));
                }
                if ns.metadata.deletion_timestamp.is_none() {
                    ns.metadata.deletion_timestamp = Some(now);
                    ns.status.phase = "Terminating".into();
                    return Ok(self.store.replace(Object::Namespace(ns.clone()), now).unwrap_or(Object::Namespace(ns)));
                }
                Ok(Object::Namespace(ns))
            }
            mut other if !other.meta().finalizers.is_empty() => {
                // Finalizers hold the object (Terminating) until their controllers remove them.
                if other.meta().deletion_timestamp.is_none() {
                    other.meta_mut().deletion_timestamp = Some(now);
                    other.meta_mut().deletion_grace_period_seconds = Some(0);
                    return Ok(self.store.replace(other.clone(), now).unwrap_or(other));
                }
                Ok(other)
            }
            other => Ok(self.store.remove(&key, now).unwrap_or(other)),
        }
    }

    /// A copy of one object, or NotFound as the server words it.
    pub fn read(&self, kind: Kind, namespace: &str, name: &str) -> Result<Object, ApiError> {
        self.get(kind, namespace, name)
            .cloned()
            .ok_or_else(|| ApiError::not_found(&kind.resource_with_group(), name))
    }

    /// Copies of all objects of a kind in a namespace (or all namespaces), in list order.
    pub fn list(&self, kind: Kind, namespace: Option<&str>) -> Vec<Object> {
        let namespace = if kind.namespaced() { namespace } else { None };
        self.store.list(kind, namespace).into_iter().cloned().collect()
    }

    /// Calls the validating admission webhooks (ingress-nginx's), keeping their warnings.
    fn admit(&mut self, object: &Object) -> Result<(), ApiError> {
        let (warnings, verdict) = super::controllers::ingress::admission_review(self, object);
        self.warnings.extend(warnings);
        verdict
    }

    /// The warnings of the last create or update, taken out to be printed (`Warning: ...`).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Cluster IPs and node ports of a Service, kept from `old` on updates; the causes of an
    /// Invalid error when what was asked for cannot be had.
    fn allocate_service_addresses(&mut self, old: Option<&Object>, object: &mut Object) -> Vec<String> {
        let Object::Service(svc) = object else { return Vec::new() };
        let old = match old {
            Some(Object::Service(o)) => Some(o),
            _ => None,
        };
        super::controllers::service::allocate(self, old, svc).err().unwrap_or_default()
    }

    fn check_namespace_accepts(&self, namespace: &str) -> Result<(), ApiError> {
        match self.get(Kind::Namespace, "", namespace) {
            None => Err(ApiError::not_found("namespaces", namespace)),
            Some(ns) if ns.meta().deletion_timestamp.is_some() => Err(ApiError::forbidden(format!(
                "unable to create new content in namespace {namespace} because it is being terminated"
            ))),
            Some(_) => Ok(()),
        }
    }
}

/// `object` with the `status` of `old`: user writes never change status.
fn with_status_of(object: Object, old: &Object) -> Object {
    match (object, old) {
        (Object::Pod(mut o), Object::Pod(s)) => {
            o.status = s.status.clone();
            Object::Pod(o)
        }
        (Object::Deployment(mut o), Object::Deployment(s)) => {
            o.status = s.status.clone();
            Object::Deployment(o)
        }
        (Object::ReplicaSet(mut o), Object::ReplicaSet(s)) => {
            o.status = s.status.clone();
            Object::ReplicaSet(o)
        }
        (Object::Namespace(mut o), Object::Namespace(s)) => {
            o.status = s.status.clone();
            Object::Namespace(o)
        }
        (Object::Node(mut o), Object::Node(s)) => {
            o.status = s.status.clone();
            Object::Node(o)
        }
        (Object::Service(mut o), Object::Service(s)) => {
            o.status = s.status.clone();
            Object::Service(o)
        }
        (Object::StatefulSet(mut o), Object::StatefulSet(s)) => {
            o.status = s.status.clone();
            Object::StatefulSet(o)
        }
        (Object::PersistentVolumeClaim(mut o), Object::PersistentVolumeClaim(s)) => {
            o.status = s.status.clone();
            Object::PersistentVolumeClaim(o)
        }
        (Object::PersistentVolume(mut o), Object::PersistentVolume(s)) => {
            o.status = s.status.clone();
            Object::PersistentVolume(o)
        }
        (o, _) => o,
    }
}

/// Whether a write completes a deletion: the object is being deleted and has no finalizer left.
/// Pods and namespaces finish their deletions their own way (kubelet, namespace controller).
fn finalized(object: &Object) -> bool {
    let meta = object.meta();
    meta.deletion_timestamp.is_some() && meta.finalizers.is_empty() && !matches!(object, Object::Pod(_) | Object::Namespace(_))
}
