//! The tool panel under the console: tabs for the YAML editor and the simulated browser (and the
//! appearance toggles at the end of its bar). It can be
//! folded away to give the console the whole column.

use super::appearance::Appearance;
use super::browser::Browser;
use super::editor::Editor;
use super::engine::Engine;
use leptos::prelude::*;

/// Which tool the panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tool {
    Editor,
    Browser,
    Hidden,
}

/// The tabbed tool panel bound to `engine`.
#[component]
pub fn Tools(engine: Engine) -> impl IntoView {
    let shown = RwSignal::new(Tool::Hidden);
    let on_edit = Callback::new(move |_| shown.set(Tool::Editor));
    let tab = move |tool: Tool, label: &'static str, testid: &'static str| {
        view! {
            <button
                role="tab"
                data-testid=testid
                aria-selected=move || (shown.get() == tool).to_string()
                on:click=move |_| shown.update(|s| *s = if *s == tool { Tool::Hidden } else { tool })
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="tools" class:open=move || shown.get() != Tool::Hidden>
            <div class="tool-tabs" role="tablist" aria-label="tools">
                {tab(Tool::Editor, "Editor", "tab-editor")}
                {tab(Tool::Browser, "Browser", "tab-browser")}
                <Appearance />
            </div>
            <div class="tool-body" hidden=move || shown.get() != Tool::Editor>
                <Editor engine=engine on_edit=on_edit />
            </div>
            <div class="tool-body" hidden=move || shown.get() != Tool::Browser>
                <Browser engine=engine />
            </div>
        </div>
    }
}
