//! The console tab strip and the console panes: several shells on the same cluster (the
//! tutorial watches `kubectl get pod -w` in a second terminal while it works in the first),
//! shown one at a time or, with "Split", all side by side (stacked on narrow screens).

use super::console::Console;
use super::engine::Engine;
use leptos::prelude::*;

/// One button per console tab, "+" for another, the split toggle, then the console pane(s).
#[component]
pub fn ConsoleTabs(engine: Engine) -> impl IntoView {
    let choose = move |index: usize| choose_tab(engine, index);
    let toggle_split = move |_| {
        engine.split.update(|split| *split = !*split);
        super::persist::save(&engine);
    };
    view! {
        <div class="console-tabs" role="tablist" aria-label="consoles">
            {move || {
                (0..engine.tab_count.get())
                    .map(|index| view! {
                        <button
                            role="tab"
                            data-testid="console-tab"
                            aria-selected=move || (engine.active_tab.get() == index).to_string()
                            on:click=move |_| choose(index)
                        >
                            {format!("Console {}", index + 1)}
                        </button>
                    })
                    .collect_view()
            }}
            <button data-testid="console-tab-new" aria-label="new console" title="a new console on the same cluster" on:click=move |_| engine.new_tab()>
                "+"
            </button>
            <button
                class="split-toggle"
                data-testid="console-split"
                aria-pressed=move || engine.split.get().to_string()
                title="show every console at once, side by side"
                on:click=toggle_split
            >
                "Split"
            </button>
        </div>
        {move || {
            if engine.split.get() {
                view! {
                    <div class="console-panes split" data-testid="console-panes">
                        <For each=move || 0..engine.tab_count.get() key=|index| *index let:index>
                            <Console engine=engine tab=index />
                        </For>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <div class="console-panes" data-testid="console-panes">
                        <Console engine=engine tab=engine.active_tab />
                    </div>
                }
                .into_any()
            }
        }}
    }
}

/// Makes console tab `index` the active one; when split, the keyboard goes to its pane.
pub fn choose_tab(engine: Engine, index: usize) {
    engine.show_tab(index);
    if engine.split.get_untracked() {
        focus_pane_input(index);
    }
}

/// Puts the keyboard in pane `index`'s command line (a tab button was chosen in split mode).
fn focus_pane_input(index: usize) {
    let selector = format!("[data-testid=console-pane][data-tab=\"{index}\"] [data-testid=console-input]");
    let found = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(&selector).ok().flatten());
    if let Some(element) = found.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
        let _ = element.focus();
    }
}
