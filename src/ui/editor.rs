//! The YAML editor panel: a textarea over a coloured copy of its text, with line numbers and a
//! marker at the line an error names. It edits files of the virtual filesystem (open, save),
//! applies its text with `kubectl apply -f -`, and is where `kubectl edit` opens an object: the
//! verb waits until Save or Cancel answers it.

use super::engine::Engine;
use super::yaml_colors::{colour_line, error_line};
use crate::kubectl::edit::{refusal, reopened_error_line};
use leptos::prelude::*;

/// What the editor holds: a file of the virtual filesystem, or an object `kubectl edit` opened.
#[derive(Clone, Debug, PartialEq)]
enum Editing {
    File(String),
    KubectlEdit { file_name: String, opened: String },
}

/// The editor panel bound to `engine`; `on_edit` is called when `kubectl edit` opens an object,
/// so the page can bring the panel to the front.
#[component]
pub fn Editor(engine: Engine, on_edit: Callback<()>) -> impl IntoView {
    let first = engine.editable_files().into_iter().find(|f| f.ends_with("depl.yaml"));
    let editing = RwSignal::new(first.clone().map(Editing::File));
    let text = RwSignal::new(first.and_then(|f| engine.read_file(&f)).unwrap_or_default());
    let message = RwSignal::new((false, String::new()));
    let error_at = RwSignal::new(None::<usize>);
    // What Save last gave `kubectl edit`: if it comes back with errors, their line numbers count
    // in this text.
    let last_saved = StoredValue::new(None::<String>);
    let files = Memo::new(move |_| {
        engine.lines.track();
        engine.editable_files()
    });

    // `kubectl edit` posted an object: show it; when the edit goes away (answered, or Ctrl+C),
    // leave the edit mode.
    Effect::new(move |_| match engine.pending_edit.get() {
        Some((file_name, opened)) => {
            text.set(opened.clone());
            let refused = refusal(&opened);
            let saved = last_saved.get_value();
            error_at.set(refused.as_ref().and_then(|_| reopened_error_line(&opened, saved.as_deref())));
            message.set(match refused {
                Some(why) => (true, format!("kubectl edit reopened the object: {why}. Fix it and Save again; saving it unchanged cancels the edit ({file_name})")),
                None => (false, format!("kubectl edit is waiting: Save applies the change, Cancel leaves it ({file_name})")),
            });
            editing.set(Some(Editing::KubectlEdit { file_name, opened }));
            on_edit.run(());
        }
        None => {
            if matches!(editing.get_untracked(), Some(Editing::KubectlEdit { .. })) {
                last_saved.set_value(None);
                editing.set(None);
                message.set((false, "kubectl edit finished: see the console".into()));
            }
        }
    });

    let open_file = move |path: String| {
        if let Some(content) = engine.read_file(&path) {
            text.set(content);
            error_at.set(None);
            message.set((false, String::new()));
            editing.set(Some(Editing::File(path)));
        }
    };
    let apply = move |_| {
        let applied = engine.apply_text(&text.get_untracked());
        let failed = !applied.stderr.is_empty();
        error_at.set(error_line(&applied.stderr));
        message.set((failed, format!("{}{}", applied.stdout, applied.stderr).trim_end().to_string()));
    };
    let save = move |_| match editing.get_untracked() {
        Some(Editing::File(path)) => {
            engine.write_file(&path, &text.get_untracked());
            message.set((false, format!("saved {path}")));
        }
        Some(Editing::KubectlEdit { .. }) => {
            last_saved.set_value(Some(text.get_untracked()));
            engine.answer_edit(text.get_untracked());
        }
        None => message.set((true, "open a file first".into())),
    };
    let cancel = move |_| {
        if let Some(Editing::KubectlEdit { opened, .. }) = editing.get_untracked() {
            last_saved.set_value(Some(opened.clone()));
            engine.answer_edit(opened);
        }
    };
    let in_edit = move || matches!(editing.get(), Some(Editing::KubectlEdit { .. }));
    let line_count = move || text.with(|t| t.split('\n').count());

    view! {
        <section class="editor" data-testid="editor" aria-label="YAML editor">
            <div class="editor-bar">
                <select
                    aria-label="open a file"
                    data-testid="editor-files"
                    disabled=in_edit
                    on:change=move |ev| open_file(event_target_value(&ev))
                >
                    <option value="" selected=move || !matches!(editing.get(), Some(Editing::File(_)))>"open a file…"</option>
                    <For each=move || files.get() key=|f| f.clone() let:file>
                        <option
                            value=file.clone()
                            selected={
                                let file = file.clone();
                                move || editing.get() == Some(Editing::File(file.clone()))
                            }
                        >
                            {file.clone()}
                        </option>
                    </For>
                </select>
                <span class="editor-name" data-testid="editor-name">
                    {move || match editing.get() {
                        Some(Editing::File(path)) => path,
                        Some(Editing::KubectlEdit { file_name, .. }) => format!("kubectl edit: {file_name}"),
                        None => "scratch".into(),
                    }}
                </span>
                <button data-testid="editor-apply" on:click=apply disabled=in_edit>"Apply"</button>
                <button data-testid="editor-save" on:click=save>"Save"</button>
                <button data-testid="editor-cancel" on:click=cancel hidden=move || !in_edit()>"Cancel"</button>
            </div>
            <div class="editor-body">
                <pre class="gutter" aria-hidden="true">
                    {move || {
                        let marked = error_at.get();
                        (1..=line_count())
                            .map(|n| {
                                let class = if Some(n) == marked { "error" } else { "" };
                                view! { <span class=class>{format!("{n}\n")}</span> }
                            })
                            .collect_view()
                    }}
                </pre>
                <div class="editor-stack">
                    <pre class="highlight" aria-hidden="true">
                        {move || {
                            text.with(|t| {
                                t.split('\n')
                                    .map(|line| {
                                        let parts = colour_line(line)
                                            .into_iter()
                                            .map(|(class, part)| view! { <span class=class>{part.to_string()}</span> })
                                            .collect_view();
                                        view! { {parts}"\n" }
                                    })
                                    .collect_view()
                            })
                        }}
                    </pre>
                    <textarea
                        class="editor-text"
                        data-testid="editor-text"
                        aria-label="YAML text"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        prop:value=move || text.get()
                        on:input=move |ev| {
                            text.set(event_target_value(&ev));
                            error_at.set(None);
                        }
                    />
                </div>
            </div>
            <pre
                class="editor-message"
                class:failed=move || message.get().0
                data-testid="editor-message"
                aria-live="polite"
            >
                {move || message.get().1}
            </pre>
        </section>
    }
}

