//! kubeplay: a Kubernetes playground that runs in the browser.
//!
//! Layout:
//! - [`cluster`]: the simulated control plane (store, clock, controllers), pure Rust.
//! - [`kubectl`]: the kubectl client, one file per verb, printers apart.
//! - [`shell`]: the small shell around kubectl (pipes, `$( )`, here-docs, grep/head/...).
//! - [`lessons`]: lesson files (`lessons/`) parsed and checked against a session.
//! - [`session`]: one console: a world plus a shell, driven by the terminal or the browser.
//! - `ui` (wasm32 only): the Leptos components of the page; the only layer that touches web-sys.
//! - `terminal` (native only): the terminal playground and script mode.

pub mod cluster;
pub mod job;
pub mod kubectl;
pub mod lessons;
pub mod output;
pub mod session;
pub mod shell;
pub mod vfs;
pub mod world;

#[cfg(not(target_arch = "wasm32"))]
pub mod terminal;
#[cfg(target_arch = "wasm32")]
pub mod ui;
