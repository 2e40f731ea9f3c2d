//! Reset, export and import of the whole playground state.

use super::engine::Engine;
use super::persist;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The "Reset cluster", "Export" and "Import" controls.
#[component]
pub fn StateControls(engine: Engine) -> impl IntoView {
    let export_ref = NodeRef::<html::A>::new();
    let import_ref = NodeRef::<html::Input>::new();
    let problem = RwSignal::new(String::new());

    let on_reset = move |_| {
        let confirmed = web_sys::window()
            .and_then(|w| w.confirm_with_message("Start over with a fresh cluster? Everything you did is lost.").ok())
            .unwrap_or(true);
        if confirmed {
            persist::reset(&engine);
        }
    };
    // The link's address is filled in at click time, so it holds the state of that moment.
    let on_export = move |_| {
        if let (Some(link), Some(json)) = (export_ref.get_untracked(), persist::export_json(&engine)) {
            link.set_href(&persist::data_url(&json));
        }
    };
    let on_import = move |_| {
        let Some(input) = import_ref.get_untracked() else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        let Ok(reader) = web_sys::FileReader::new() else { return };
        let loaded = reader.clone();
        let onload = Closure::once_into_js(move || {
            let text = loaded.result().ok().and_then(|r| r.as_string()).unwrap_or_default();
            match persist::import_json(&engine, &text) {
                Ok(()) => {
                    problem.set(String::new());
                    persist::save(&engine);
                }
                Err(message) => problem.set(message),
            }
        });
        reader.set_onload(Some(onload.unchecked_ref()));
        let _ = reader.read_as_text(&file);
        input.set_value("");
    };

    view! {
        <div class="state-controls">
            <button data-testid="reset" title="throw everything away and start with a fresh cluster" on:click=on_reset>"Reset cluster"</button>
            <a class="button" data-testid="export" node_ref=export_ref download="kubeplay-state.json" href="#" on:click=on_export>"Export"</a>
            <label class="button" title="load a state exported earlier">
                "Import"
                <input class="visually-hidden" type="file" accept="application/json,.json" data-testid="import" node_ref=import_ref on:change=on_import />
            </label>
            <span class="problem" role="alert">{move || problem.get()}</span>
        </div>
    }
}
