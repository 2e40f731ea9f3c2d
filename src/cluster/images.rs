//! The simulated image registry.
