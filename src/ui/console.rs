//! The console: the output so far (stdout, stderr in another colour, echoed commands) and an
//! input line. The input is a textarea so multi-line pastes and here-docs work: Enter runs the
//! text once the session says it is a whole command, and adds a line otherwise.

use super::engine::{Engine, Line, LineKind};
use leptos::html;
use leptos::prelude::*;
use web_sys::KeyboardEvent;

/// The console pane of tab `tab` (which may change: the single pane follows the active tab).
/// Typing in a pane whose tab is not the active one makes it active first.
#[component]
pub fn Console(engine: Engine, #[prop(into)] tab: Signal<usize>) -> impl IntoView {
    let shown = move || engine.tab_view(tab.get());
    let make_active = move || {
        let index = tab.get_untracked();
        if index != engine.active_tab.get_untracked() {
            engine.show_tab(index);
        }
    };
    let input = RwSignal::new(String::new());
    let history = engine.history;
    let input_ref = NodeRef::<html::Textarea>::new();
    let output_ref = NodeRef::<html::Div>::new();
    // Ctrl+R: (query, index of the entry found) while searching the history.
    let search = RwSignal::new(None::<(String, Option<(usize, String)>)>);
    // Tab with several candidates lists them under the input.
    let candidates = RwSignal::new(Vec::<String>::new());
    // What the live region reads out: the newest output line.
    let announcement = Memo::new(move |_| {
        shown().lines.with(|lines| {
            lines.iter().rev().find(|l| l.kind != LineKind::Echo).map(|l| l.text.chars().take(300).collect::<String>()).unwrap_or_default()
        })
    });

    // Follow the newest output, as a terminal does.
    Effect::new(move |_| {
        shown().lines.track();
        request_animation_frame(move || {
            if let Some(output) = output_ref.get_untracked() {
                output.set_scroll_top(output.scroll_height());
            }
        });
    });

    let replace_input = move |text: String| {
        if let Some(textarea) = input_ref.get_untracked() {
            textarea.set_value(&text);
            let end = text.encode_utf16().count() as u32;
            let _ = textarea.set_selection_range(end, end);
        }
        input.set(text);
    };

    let on_keydown = move |ev: KeyboardEvent| {
        make_active();
        let key = ev.key();
        let plain = !ev.ctrl_key() && !ev.alt_key() && !ev.meta_key();
        let value = input.get_untracked();
        if key != "Tab" {
            candidates.set(Vec::new());
        }
        if let Some((query, found)) = search.get_untracked() {
            ev.prevent_default();
            let find = |query: String, before: Option<usize>| {
                let hit = history.with_value(|h| h.search(&query, before));
                search.set(Some((query, hit.or(found.clone()))));
            };
            match key.as_str() {
                "r" | "R" if ev.ctrl_key() => find(query, found.as_ref().map(|(i, _)| *i)),
                "Escape" | "g" | "G" if key == "Escape" || ev.ctrl_key() => search.set(None),
                "Backspace" => {
                    let mut shorter = query;
                    shorter.pop();
                    find(shorter, None);
                }
                typed if plain && typed.chars().count() == 1 => find(format!("{query}{typed}"), None),
                "Shift" | "Control" | "Alt" | "Meta" => {}
                // As in bash, Enter runs the command found.
                "Enter" => {
                    search.set(None);
                    if let Some((_, line)) = found.filter(|_| !engine.busy.get_untracked()) {
                        history.update_value(|h| h.push(&line));
                        replace_input(String::new());
                        engine.submit(&line);
                    }
                }
                _ => {
                    search.set(None);
                    if let Some((_, line)) = found {
                        replace_input(line);
                    }
                }
            }
            return;
        }
        match key.as_str() {
            "r" | "R" if ev.ctrl_key() => {
                ev.prevent_default();
                search.set(Some((String::new(), None)));
            }
            "Tab" if plain && !ev.shift_key() => {
                ev.prevent_default();
                let (completed, all) = engine.complete(&value);
                match completed {
                    Some(line) => {
                        replace_input(line);
                        candidates.set(Vec::new());
                    }
                    None if all.len() > 1 => candidates.set(all),
                    None => {}
                }
            }
            "Enter" if plain && !ev.shift_key() && Engine::is_complete(&value) => {
                ev.prevent_default();
                if engine.busy.get_untracked() {
                    return;
                }
                history.update_value(|h| h.push(&value));
                replace_input(String::new());
                engine.submit(&value);
            }
            "ArrowUp" if plain && !ev.shift_key() && caret_on_first_line(input_ref, &value) => {
                ev.prevent_default();
                if let Some(older) = history.try_update_value(|h| h.older(&value)).flatten() {
                    replace_input(older);
                }
            }
            "ArrowDown" if plain && !ev.shift_key() && caret_on_last_line(input_ref, &value) => {
                ev.prevent_default();
                if let Some(newer) = history.try_update_value(|h| h.newer()).flatten() {
                    replace_input(newer);
                }
            }
            "c" | "C" if ev.ctrl_key() && !has_selection(input_ref) => {
                ev.prevent_default();
                if engine.busy.get_untracked() {
                    engine.interrupt();
                } else {
                    engine.abandon(&value);
                    replace_input(String::new());
                }
            }
            // Alt+Left/Right: the previous or next console tab (the pane beside, when split).
            "ArrowLeft" | "ArrowRight" if ev.alt_key() && !ev.ctrl_key() && !ev.meta_key() => {
                ev.prevent_default();
                let count = engine.tab_count.get_untracked();
                let current = tab.get_untracked();
                let next = if key == "ArrowRight" { (current + 1) % count.max(1) } else { (current + count.max(1) - 1) % count.max(1) };
                super::console_tabs::choose_tab(engine, next);
            }
            "l" | "L" if ev.ctrl_key() => {
                ev.prevent_default();
                engine.clear();
            }
            "d" | "D" if ev.ctrl_key() && value.is_empty() => {
                ev.prevent_default();
                engine.end_of_input();
            }
            _ => {}
        }
    };

    // Clicking anywhere in the console types into it, unless the user is selecting text to copy.
    let focus_input = move |_| {
        if !document_has_selection() {
            if let Some(textarea) = input_ref.get_untracked() {
                let _ = textarea.focus();
            }
        }
    };

    view! {
        <div
            class="console"
            class:active-pane=move || tab.get() == engine.active_tab.get()
            data-testid="console-pane"
            data-tab=move || tab.get().to_string()
            role="region"
            aria-label=move || format!("Console {}", tab.get() + 1)
            node_ref=output_ref
            on:mouseup=focus_input
            on:focusin=move |_| make_active()
        >
            <pre class="output" data-testid="console-output">
                <For
                    each=move || shown().lines.get()
                    key=|line: &Line| line.id
                    children=move |line: Line| view! {
                        <span class=line.kind.class()>
                            <span class="prompt">{line.prompt}</span>
                            {line.text}
                        </span>
                    }
                />
            </pre>
            <div class="search-row" data-testid="history-search" hidden=move || search.with(Option::is_none)>
                {move || search.get().map(|(query, found)| {
                    format!("(reverse-i-search)`{query}': {}", found.map(|(_, line)| line).unwrap_or_default())
                })}
            </div>
            <div class="input-row" class:busy=move || shown().busy.get()>
                <span class="prompt">
                    {move || if shown().busy.get() { String::new() } else { shown().prompt.get() }}
                </span>
                <textarea
                    class="input"
                    data-testid="console-input"
                    node_ref=input_ref
                    rows=move || input.with(|s| s.split('\n').count()).to_string()
                    autofocus=true
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    aria-label="command line"
                    aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight"
                    prop:value=move || input.get()
                    on:input=move |ev| input.set(event_target_value(&ev))
                    on:keydown=on_keydown
                ></textarea>
            </div>
            <div class="candidates" data-testid="completions" hidden=move || candidates.with(Vec::is_empty)>
                {move || candidates.get().join("  ")}
            </div>
            <div class="visually-hidden" aria-live="polite" data-testid="console-announcer">
                {move || announcement.get()}
            </div>
        </div>
    }
}

/// Whether the caret is on the first line of the input, where Up means "older command".
fn caret_on_first_line(input_ref: NodeRef<html::Textarea>, value: &str) -> bool {
    let Some(start) = selection(input_ref).map(|(start, _)| start) else { return true };
    !utf16_prefix(value, start).contains('\n')
}

/// Whether the caret is on the last line of the input, where Down means "newer command".
fn caret_on_last_line(input_ref: NodeRef<html::Textarea>, value: &str) -> bool {
    let Some(end) = selection(input_ref).map(|(_, end)| end) else { return true };
    let prefix_len = utf16_prefix(value, end).len();
    !value[prefix_len..].contains('\n')
}

/// Whether text is selected in the input (then Ctrl+C copies it rather than interrupting).
fn has_selection(input_ref: NodeRef<html::Textarea>) -> bool {
    selection(input_ref).is_some_and(|(start, end)| start != end)
}

/// The input's selection as UTF-16 offsets, as the DOM reports them.
fn selection(input_ref: NodeRef<html::Textarea>) -> Option<(u32, u32)> {
    let textarea = input_ref.get_untracked()?;
    let start = textarea.selection_start().ok()??;
    let end = textarea.selection_end().ok()??;
    Some((start, end))
}

/// The longest prefix of `value` that is at most `units` UTF-16 code units long.
fn utf16_prefix(value: &str, units: u32) -> &str {
    let mut seen = 0u32;
    for (index, ch) in value.char_indices() {
        if seen >= units {
            return &value[..index];
        }
        seen += ch.len_utf16() as u32;
    }
    value
}

/// Whether the user has selected some text on the page.
fn document_has_selection() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}
