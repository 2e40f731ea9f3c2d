//! The browser page: one console bound to a [`Session`](crate::session::Session), plus the
//! virtual clock. This is the only layer that touches web-sys and Leptos; everything it shows
//! comes from the session's small API (submit, tick, interrupt, take_output).

mod clock;
mod console;
mod engine;
mod history;
mod ticker;

use crate::session::{Session, DEFAULT_SEED};
use clock::Clock;
use console::Console;
use engine::Engine;
use leptos::prelude::*;

/// Mounts the page into `<body>` and starts virtual time flowing.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The whole page: a header with the virtual clock, and the console.
#[component]
fn App() -> impl IntoView {
    let engine = Engine::new(Session::new(DEFAULT_SEED));
    ticker::start(engine);
    view! {
        <header class="topbar">
            <span class="title">"kubeplay"</span>
            <span class="subtitle">"a simulated Kubernetes cluster"</span>
            <Clock engine=engine />
        </header>
        <main class="page">
            <Console engine=engine />
        </main>
    }
}
