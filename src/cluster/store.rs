//! The object store: what etcd and the API server's storage layer are to a real cluster.
//! Every change gets a new resourceVersion and a watch event, in order.

use super::objects::{Kind, Object, Time};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Identifies a stored object. Cluster-scoped objects have an empty namespace.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjectKey {
    pub kind: Kind,
    pub namespace: String,
    pub name: String,
}

impl ObjectKey {
    /// Builds a key; the namespace is dropped for cluster-scoped kinds.
    pub fn new(kind: Kind, namespace: &str, name: &str) -> Self {
        let namespace = if kind.namespaced() { namespace.to_string() } else { String::new() };
        ObjectKey { kind, namespace, name: name.to_string() }
    }

    /// The key of a stored object.
    pub fn of(object: &Object) -> Self {
        ObjectKey::new(object.kind(), &object.meta().namespace, &object.meta().name)
    }
}

/// What happened to an object, as a watch reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventType {
    Added,
    Modified,
    Deleted,
}

/// One watch event: the object as it was right after the change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WatchEvent {
    pub type_: EventType,
    pub object: Object,
    /// Virtual time of the change, so a replay can animate it at the right moment.
    pub at: Time,
}

/// All objects, ordered by kind, namespace and name (etcd key order, which is list order).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Store {
    #[serde(with = "objects_as_list")]
    objects: BTreeMap<ObjectKey, Object>,
    revision: u64,
    events: Vec<WatchEvent>,
    /// How many events were dropped from the front of `events` (cursors stay valid).
    dropped: usize,
}

/// Events kept for watchers; older ones are forgotten (a watcher that slept too long re-lists).
const MAX_EVENTS: usize = 20_000;

impl Store {
    /// The latest resourceVersion handed out.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The object under `key`, if any.
    pub fn get(&self, key: &ObjectKey) -> Option<&Object> {
        self.objects.get(key)
    }

    /// All objects of a kind, in one namespace or (`None`) in all, in list order.
    /// Keys sort by kind, then namespace: only that range is walked, not the whole store
    /// (controllers list several kinds on every pass, and Events alone can number thousands).
    pub fn list(&self, kind: Kind, namespace: Option<&str>) -> Vec<&Object> {
        let first = ObjectKey { kind, namespace: namespace.unwrap_or_default().to_string(), name: String::new() };
        self.objects
            .range(first..)
            .take_while(|(k, _)| k.kind == kind && namespace.is_none_or(|ns| k.namespace == ns))
            .map(|(_, o)| o)
            .collect()
    }

    /// All objects of every kind.
    pub fn all(&self) -> impl Iterator<Item = &Object> {
        self.objects.values()
    }

    /// Stores a new object, stamping its resourceVersion. The caller has checked it is new.
    pub fn insert(&mut self, mut object: Object, now: Time) -> Object {
        self.revision += 1;
        object.meta_mut().resource_version = self.revision.to_string();
        self.objects.insert(ObjectKey::of(&object), object.clone());
        self.push_event(EventType::Added, object.clone(), now);
        object
    }

    /// Stores a built-in object of the starting cluster without advancing the revision, so adding
    /// one to the bootstrap leaves every later resourceVersion (and what is seeded from it) as is.
    pub fn insert_builtin(&mut self, mut object: Object) {
        object.meta_mut().resource_version = self.revision.to_string();
        self.objects.insert(ObjectKey::of(&object), object);
    }

    /// Replaces a stored object. Bumps `generation` when the spec changed; returns `None` and
    /// records nothing when nothing changed at all.
    pub fn replace(&mut self, mut object: Object, now: Time) -> Option<Object> {
        let key = ObjectKey::of(&object);
        let old = self.objects.get(&key)?;
        let old_meta = old.meta();
        let spec_changed = old.spec_json() != object.spec_json();
        let meta = object.meta_mut();
        meta.uid = old_meta.uid.clone();
        meta.creation_timestamp = old_meta.creation_timestamp;
        meta.generation = old_meta.generation;
        if spec_changed && object.has_generation() {
            object.meta_mut().generation += 1;
        }
        object.meta_mut().resource_version = old.meta().resource_version.clone();
        if &object == old {
            return None;
        }
        self.revision += 1;
        object.meta_mut().resource_version = self.revision.to_string();
        self.objects.insert(key, object.clone());
        self.push_event(EventType::Modified, object.clone(), now);
        Some(object)
    }

    /// Removes an object for good; watchers see it one last time.
    pub fn remove(&mut self, key: &ObjectKey, now: Time) -> Option<Object> {
        let mut object = self.objects.remove(key)?;
        self.revision += 1;
        object.meta_mut().resource_version = self.revision.to_string();
        self.push_event(EventType::Deleted, object.clone(), now);
        Some(object)
    }

    fn push_event(&mut self, type_: EventType, object: Object, at: Time) {
        self.events.push(WatchEvent { type_, object, at });
        if self.events.len() > MAX_EVENTS {
            let drop = self.events.len() - MAX_EVENTS / 2;
            self.events.drain(..drop);
            self.dropped += drop;
        }
    }

    /// A copy without the watch-event log, as the page saves it: the log holds a copy of every
    /// object at every change (several times the size of the objects), and serializing it only
    /// to throw it away dominated saving. `dropped` moves past it so cursors stay valid.
    pub fn without_watch_log(&self) -> Store {
        Store { objects: self.objects.clone(), revision: self.revision, events: Vec::new(), dropped: self.watch_cursor() }
    }

    /// A cursor positioned after every event so far: start a watch here.
    pub fn watch_cursor(&self) -> usize {
        self.dropped + self.events.len()
    }

    /// Events after `cursor`, and the cursor to use next time.
    pub fn events_since(&self, cursor: usize) -> (&[WatchEvent], usize) {
        let start = cursor.saturating_sub(self.dropped).min(self.events.len());
        (&self.events[start..], self.watch_cursor())
    }
}

/// Saves the object map as a plain list (JSON maps need string keys); keys are rebuilt on load.
mod objects_as_list {
    use super::{Object, ObjectKey};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(map: &BTreeMap<ObjectKey, Object>, s: S) -> Result<S::Ok, S::Error> {
        map.values().collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<ObjectKey, Object>, D::Error> {
        let list = Vec::<Object>::deserialize(d)?;
        Ok(list.into_iter().map(|o| (ObjectKey::of(&o), o)).collect())
    }
}
