//! The console tab strip: several shells on the same cluster (the tutorial watches
//! `kubectl get pod -w` in a second terminal while it works in the first).

use super::engine::Engine;
use leptos::prelude::*;

/// One button per console tab, and "+" for another.
#[component]
pub fn ConsoleTabs(engine: Engine) -> impl IntoView {
    view! {
        <div class="console-tabs" role="tablist" aria-label="consoles">
            {move || {
                (0..engine.tab_count.get())
                    .map(|index| view! {
                        <button
                            role="tab"
                            data-testid="console-tab"
                            aria-selected=move || (engine.active_tab.get() == index).to_string()
                            on:click=move |_| engine.show_tab(index)
                        >
                            {format!("Console {}", index + 1)}
                        </button>
                    })
                    .collect_view()
            }}
            <button data-testid="console-tab-new" aria-label="new console" title="a new console on the same cluster" on:click=move |_| engine.new_tab()>
                "+"
            </button>
        </div>
    }
}
