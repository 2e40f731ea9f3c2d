//! The browser page: a header with the time and state controls, the console, and the cluster
//! view with its side panel, all bound to one [`Session`](crate::session::Session). This is the
//! only layer that touches web-sys and Leptos; everything it shows comes from the session's small
//! API (submit, tick, interrupt, take_output) and read-only looks at its world.

mod appearance;
mod browser;
mod clock;
mod cluster_cards;
mod cluster_lines;
mod cluster_model;
mod cluster_view;
mod cluster_workload_cards;
mod cluster_workloads;
mod console;
mod console_tabs;
mod details;
mod editor;
mod engine;
mod history;
mod lessons;
mod persist;
mod state_controls;
mod ticker;
mod time_controls;
mod tools;
mod web_page;
mod yaml_colors;

use crate::session::{Session, DEFAULT_SEED};
use cluster_view::ClusterView;
use console_tabs::ConsoleTabs;
use details::{Details, Selected};
use engine::Engine;
use lessons::LessonPanel;
use leptos::prelude::*;
use state_controls::StateControls;
use time_controls::TimeControls;
use tools::Tools;

/// Mounts the page into `<body>` and starts virtual time flowing.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The whole page: header, console on the left, cluster view (and details) on the right.
#[component]
fn App() -> impl IntoView {
    let engine = Engine::new(Session::new(DEFAULT_SEED));
    persist::restore(&engine);
    ticker::start(engine);
    persist::start_autosave(engine);
    let selected = RwSignal::new(None::<Selected>);
    view! {
        <header class="topbar">
            <span class="title">"kubeplay"</span>
            <span class="subtitle">"a simulated Kubernetes cluster"</span>
            <TimeControls engine=engine />
            <StateControls engine=engine />
        </header>
        <main class="page">
            <LessonPanel engine=engine />
            <div class="work">
                <ConsoleTabs engine=engine />
                <Tools engine=engine />
            </div>
            <ClusterView engine=engine selected=selected />
            <Details engine=engine selected=selected />
        </main>
    }
}
