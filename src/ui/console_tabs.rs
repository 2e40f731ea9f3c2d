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
    // Bumped when a tab closes, so the split panes are built again for the tabs that remain.
    let generation = RwSignal::new(0u64);
    let toggle_split = move |_| {
        engine.split.update(|split| *split = !*split);
        super::persist::save(&engine);
    };
    view! {
        <div class="console-tabs" role="tablist" aria-label="consoles">
            {move || {
                // The close buttons come after every tab in the document (tests and scripts
                // count tabs as the first children) and are placed after their tab by `order`.
                let count = engine.tab_count.get();
                let tabs = (0..count)
                    .map(|index| view! {
                        <button
                            role="tab"
                            data-testid="console-tab"
                            style:order=(2 * index).to_string()
                            aria-selected=move || (engine.active_tab.get() == index).to_string()
                            on:click=move |_| choose(index)
                        >
                            {format!("Console {}", index + 1)}
                        </button>
                    })
                    .collect_view();
                let closers = (0..count)
                    .filter(|_| count > 1)
                    .map(|index| view! { <CloseTabButton engine=engine index=index generation=generation /> })
                    .collect_view();
                (tabs, closers)
            }}
            <button data-testid="console-tab-new" class="console-tab-new" aria-label="new console" title="a new console on the same cluster" on:click=move |_| engine.new_tab()>
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
                        <For each=move || { let g = generation.get(); (0..engine.tab_count.get()).map(move |i| (g, i)) } key=|pair| *pair let:pair>
                            <Console engine=engine tab=pair.1 />
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

/// The "×" after a tab's name (there is none when only one tab is left): closes that console,
/// stopping what runs in it. A real button, so Tab reaches it and Enter or Space presses it.
#[component]
fn CloseTabButton(engine: Engine, index: usize, generation: RwSignal<u64>) -> impl IntoView {
    let close = move |_| {
        engine.close_tab(index);
        generation.update(|g| *g += 1);
    };
    view! {
        <button
            class="console-tab-close"
            data-testid="console-tab-close"
            style:order=(2 * index + 1).to_string()
            aria-label=format!("close console {}", index + 1)
            title="close this console (stops what runs in it)"
            on:click=close
        >
            "×"
        </button>
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
