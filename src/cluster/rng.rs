//! The cluster's only source of randomness: seeded, and saved with the cluster, so the same seed
//! and the same commands give byte-identical output.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A seeded random generator whose state survives serialization.
#[derive(Clone, Debug)]
pub struct SimRng(fastrand::Rng);

impl SimRng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        SimRng(fastrand::Rng::with_seed(seed))
    }

    /// The underlying generator, for helpers that take a `fastrand::Rng`.
    pub fn inner(&mut self) -> &mut fastrand::Rng {
        &mut self.0
    }

    /// A random u64.
    pub fn u64(&mut self) -> u64 {
        self.0.u64(..)
    }

    /// A random integer in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low { low } else { self.0.i64(low..=high) }
    }
}

impl Serialize for SimRng {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.get_seed().serialize(s)
    }
}

impl<'de> Deserialize<'de> for SimRng {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(SimRng::new(u64::deserialize(d)?))
    }
}
