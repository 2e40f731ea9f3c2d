//! Appearance toggles: light or dark theme, and a presenter mode with larger fonts for projectors.
//! They set attributes on `<html>` that the style sheet reads, and are remembered in localStorage
//! apart from the playground's state (a reset keeps them).

use leptos::prelude::*;

/// The localStorage key of the appearance choices.
const PREFS_KEY: &str = "kubeplay.appearance";

/// The theme and presenter toggles.
#[component]
pub fn Appearance() -> impl IntoView {
    let saved = storage().and_then(|s| s.get_item(PREFS_KEY).ok().flatten()).unwrap_or_default();
    let light = RwSignal::new(saved.contains("light"));
    let presenter = RwSignal::new(saved.contains("presenter"));
    Effect::new(move |_| {
        let (light, presenter) = (light.get(), presenter.get());
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-theme", if light { "light" } else { "dark" });
            let _ = if presenter { root.set_attribute("data-presenter", "") } else { root.remove_attribute("data-presenter") };
        }
        let prefs = format!("{} {}", if light { "light" } else { "dark" }, if presenter { "presenter" } else { "" });
        if let Some(s) = storage() {
            let _ = s.set_item(PREFS_KEY, prefs.trim());
        }
    });
    view! {
        <span class="appearance">
            <button
                data-testid="theme-toggle"
                aria-pressed=move || light.get().to_string()
                on:click=move |_| light.update(|l| *l = !*l)
                title="light or dark theme"
                aria-label="light theme"
            >
                {move || if light.get() { "☾" } else { "☀" }}
            </button>
            <button
                data-testid="presenter-toggle"
                aria-pressed=move || presenter.get().to_string()
                on:click=move |_| presenter.update(|p| *p = !*p)
                title="presenter mode: larger fonts for projectors"
                aria-label="presenter mode"
            >
                "A+"
            </button>
        </span>
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
