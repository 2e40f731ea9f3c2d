//! The browser page.

/// Mounts the page.
pub fn start() {}
