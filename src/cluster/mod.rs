//! The simulated control plane: an object store, a virtual clock, a seeded random source and
//! level-triggered controllers. Pure Rust with no web dependency: the browser and the terminal
//! drive the same engine.
//!
//! Time only moves when the caller says so ([`Cluster::advance_to`]); every controller is run to a
//! fixed point at each instant, so the same seed and the same calls give the same cluster.

pub mod api;
pub mod api_error;
pub mod apps;
pub mod bootstrap;
pub mod controllers;
pub mod defaults;
pub mod images;
pub mod names;
pub mod network;
pub mod probes;
pub mod process;
pub mod objects;
pub mod rng;
#[cfg(test)]
mod scenarios;
pub mod store;
pub mod validation;

use controllers::kubelet::KubeletState;
use objects::cluster_kinds::{EventSource, ObjectReference};
use objects::{Event, Kind, Object, ObjectMeta, Time};
use rng::SimRng;
use serde::{Deserialize, Serialize};
use store::{ObjectKey, Store};

/// The virtual clock's start: every fresh cluster begins at this instant.
pub const EPOCH: Time = Time(1_759_741_200_000); // 2025-10-06T09:00:00Z

/// A whole simulated cluster.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cluster {
    pub store: Store,
    now: Time,
    pub rng: SimRng,
    /// What the kubelets know that the API does not: processes, image caches, timers.
    pub kubelet: KubeletState,
    /// Counts recorded Events, so events of one instant keep their order.
    event_sequence: u64,
    /// Warnings the API server attached to the last create or update (not part of the state).
    #[serde(skip)]
    warnings: Vec<String>,
    /// Port-forwards, files in pod volumes and recent HTTP exchanges.
    #[serde(default)]
    pub network: network::NetworkState,
}

/// How many controller passes one instant may take before we stop (a safety net, never reached
/// by well-behaved controllers).
const MAX_PASSES_PER_INSTANT: usize = 200;

impl Cluster {
    /// A fresh cluster as the workshop had it: two worker nodes, system pods, ingress-nginx.
    pub fn new(seed: u64) -> Self {
        let mut cluster = Cluster {
            store: Store::default(),
            now: EPOCH,
            rng: SimRng::new(seed),
            kubelet: KubeletState::default(),
            event_sequence: 0,
            warnings: Vec::new(),
            network: network::NetworkState::default(),
        };
        bootstrap::populate(&mut cluster);
        cluster
    }

    /// A copy for saving: everything but the store's watch-event log (see
    /// [`Store::without_watch_log`]).
    pub fn without_watch_log(&self) -> Cluster {
        Cluster {
            store: self.store.without_watch_log(),
            now: self.now,
            rng: self.rng.clone(),
            kubelet: self.kubelet.clone(),
            event_sequence: self.event_sequence,
            warnings: Vec::new(),
            network: self.network.clone(),
        }
    }

    /// The virtual time now.
    pub fn now(&self) -> Time {
        self.now
    }

    /// Runs every controller until none has anything left to do at the current instant.
    pub fn settle(&mut self) {
        for _ in 0..MAX_PASSES_PER_INSTANT {
            if !controllers::run_all(self) {
                return;
            }
        }
    }

    /// The next instant at which something is due to happen by itself (an image pull finishing,
    /// a container exiting, a back-off ending), if any.
    pub fn next_wake(&self) -> Option<Time> {
        controllers::next_wake(self).filter(|t| *t > self.now)
    }

    /// Moves virtual time forward to `target`, stopping at every due instant on the way.
    pub fn advance_to(&mut self, target: Time) {
        self.settle();
        while let Some(wake) = self.next_wake().filter(|w| *w <= target) {
            self.now = wake;
            self.settle();
        }
        if target > self.now {
            self.now = target;
            self.settle();
        }
    }

    /// Moves virtual time forward by `ms` milliseconds.
    pub fn advance_by(&mut self, ms: i64) {
        self.advance_to(self.now.plus_ms(ms.max(0)));
    }

    /// A stored object by kind, namespace and name.
    pub fn get(&self, kind: Kind, namespace: &str, name: &str) -> Option<&Object> {
        self.store.get(&ObjectKey::new(kind, namespace, name))
    }

    /// Records an Event about `object`, folding repeats into a count like the real recorder.
    pub fn record_event(
        &mut self,
        object: &Object,
        type_: &str,
        reason: &str,
        message: &str,
        component: &str,
        host: &str,
    ) {
        let meta = object.meta();
        let namespace = if meta.namespace.is_empty() { "default" } else { meta.namespace.as_str() };
        let now = self.now;
        let existing = self.store.list(Kind::Event, Some(namespace)).into_iter().find_map(|o| match o {
            Object::Event(e)
                if e.involved_object.uid == meta.uid
                    && e.reason == reason
                    && e.message == message =>
            {
                Some(e.clone())
            }
            _ => None,
        });
        if let Some(mut event) = existing {
            event.count += 1;
            event.last_timestamp = Some(now);
            self.store.replace(Object::Event(event), now);
            return;
        }
        self.event_sequence += 1;
        let name = format!("{}.{:016x}", meta.name, (self.event_seed() << 20) | self.event_sequence);
        let uid = names::uuid(self.rng.inner());
        let mut event = Event {
            metadata: ObjectMeta {
                name,
                namespace: namespace.to_string(),
                uid,
                creation_timestamp: Some(now),
                ..Default::default()
            },
            involved_object: ObjectReference {
                api_version: object.kind().api_version(),
                kind: object.kind().info().name.to_string(),
                name: meta.name.clone(),
                namespace: meta.namespace.clone(),
                uid: meta.uid.clone(),
                resource_version: meta.resource_version.clone(),
                field_path: String::new(),
            },
            reason: reason.into(),
            message: message.into(),
            source: EventSource { component: component.into(), host: host.into() },
            first_timestamp: Some(now),
            last_timestamp: Some(now),
            count: 1,
            type_: type_.into(),
            event_time: None,
            reporting_component: component.into(),
            reporting_instance: host.into(),
            ..Default::default()
        };
        let mut object = Object::Event(event.clone());
        object.set_type_meta();
        if let Object::Event(e) = object {
            event = e;
        }
        self.store.insert(Object::Event(event), now);
    }

    /// A random prefix for event names, so they look like the real `<object>.<hex>` names.
    fn event_seed(&mut self) -> u64 {
        self.rng.u64() >> 24
    }

    /// Events about the object with this uid, oldest first, as `describe` lists them.
    pub fn events_about(&self, uid: &str) -> Vec<Event> {
        let mut events: Vec<Event> = self
            .store
            .all()
            .filter_map(|o| match o {
                Object::Event(e) if e.involved_object.uid == uid => Some(e.clone()),
                _ => None,
            })
            .collect();
        events.sort_by_key(|e| (e.first_timestamp, creation_order(e)));
        events
    }
}

/// Events created at the same instant keep the order they were recorded in (their name carries
/// a sequence number).
fn creation_order(event: &Event) -> u64 {
    event.metadata.name.rsplit('.').next().and_then(|n| u64::from_str_radix(n, 16).ok()).map_or(0, |n| n & 0xf_ffff)
}
