//! The lesson panel on the left: a collapsible list of lessons, the chosen lesson's steps with
//! ticks that turn done as the cluster and the console history change, and "copy to console"
//! buttons that paste a step's commands into the active console input (without running them).

use super::engine::Engine;
use crate::lessons::{all_lessons, inline_spans, Lesson, Part, Progress, Span};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The localStorage key remembering whether the panel is open.
const OPEN_KEY: &str = "kubeplay.lessons.open";

/// Below this window width the panel starts collapsed, leaving the console and split panes their
/// room (at 1280px an open panel would stack split consoles).
const WIDE_ENOUGH_PX: f64 = 1400.0;

/// The collapsible lesson panel.
#[component]
pub fn LessonPanel(engine: Engine) -> impl IntoView {
    let lessons: Vec<Lesson> = all_lessons().into_iter().filter_map(Result::ok).collect();
    let lessons = StoredValue::new(lessons);
    let open = RwSignal::new(initially_open());
    let chosen = RwSignal::new(0usize);
    let progress = StoredValue::new(None::<(usize, Progress)>);
    let done = RwSignal::new(Vec::<bool>::new());
    // Re-evaluate when the store changes or a command ends, never on every tick.
    Effect::new(move |_| {
        engine.revision.track();
        engine.busy.track();
        let index = chosen.get();
        let Some(lesson) = lessons.with_value(|l| l.get(index).cloned()) else { return };
        let now = engine.with_session(|session| {
            progress.update_value(|p| {
                if p.as_ref().map(|(i, _)| *i) != Some(index) {
                    *p = Some((index, Progress::new(&lesson)));
                }
            });
            let mut result = Vec::new();
            progress.update_value(|p| {
                if let Some((_, tracker)) = p.as_mut() {
                    result = tracker.update(&lesson, session).to_vec();
                }
            });
            result
        });
        if let Some(now) = now {
            done.set(now);
        }
    });
    let toggle = move |_| {
        open.update(|o| *o = !*o);
        if let Some(storage) = storage() {
            let _ = storage.set_item(OPEN_KEY, if open.get_untracked() { "1" } else { "0" });
        }
    };
    view! {
        <aside class="lessons" class:open=move || open.get() data-testid="lessons">
            <button
                class="lessons-toggle"
                data-testid="lessons-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls="lessons-body"
                title="show or hide the lessons"
                on:click=toggle
            >
                {move || if open.get() { "◀ Lessons" } else { "▶" }}
            </button>
            <div id="lessons-body" class="lessons-body" hidden=move || !open.get()>
                <select
                    class="lessons-choice"
                    aria-label="lesson"
                    on:change=move |ev| chosen.set(event_target_value(&ev).parse().unwrap_or(0))
                >
                    {lessons.with_value(|l| l.iter().enumerate().map(|(i, lesson)| {
                        view! { <option value=i.to_string()>{lesson.title.clone()}</option> }
                    }).collect_view())}
                </select>
                {move || {
                    let index = chosen.get();
                    lessons.with_value(|l| l.get(index).cloned()).map(|lesson| view! {
                        <p class="lesson-intro">{prose(&lesson.intro)}</p>
                        <ol class="lesson-steps">
                            {lesson.steps.into_iter().enumerate().map(|(n, step)| {
                                let is_done = move || done.with(|d| d.get(n).copied().unwrap_or(false));
                                view! {
                                    <li class="lesson-step" class:done=is_done data-testid=format!("lesson-step-{}", n + 1)>
                                        <h3>
                                            <span class="tick" aria-label=move || if is_done() { "done" } else { "not done" }>
                                                {move || if is_done() { "✔" } else { "○" }}
                                            </span>
                                            " " {step.title.clone()}
                                        </h3>
                                        {step.body.into_iter().map(|part| match part {
                                            Part::Prose(paragraph) => view! { <p class="lesson-prose">{prose(&paragraph)}</p> }.into_any(),
                                            Part::Command(block) => {
                                                let text = block.trim_end().to_string();
                                                let pasted = text.clone();
                                                view! {
                                                    <div class="lesson-command">
                                                        <pre>{text}</pre>
                                                        <button
                                                            class="copy-to-console"
                                                            data-testid="copy-to-console"
                                                            on:click=move |_| paste_into_console(&pasted)
                                                        >"copy to console"</button>
                                                    </div>
                                                }.into_any()
                                            }
                                        }).collect_view()}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    })
                }}
            </div>
        </aside>
    }
}

/// Open unless the learner closed it before; collapsed by default on narrow windows.
fn initially_open() -> bool {
    match storage().and_then(|s| s.get_item(OPEN_KEY).ok().flatten()).as_deref() {
        Some("1") => true,
        Some("0") => false,
        _ => web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w >= WIDE_ENOUGH_PX),
    }
}

/// A paragraph with its `code` spans set in code type.
fn prose(paragraph: &str) -> impl IntoView {
    inline_spans(paragraph)
        .into_iter()
        .map(|span| match span {
            Span::Text(text) => text.into_any(),
            Span::Code(code) => view! { <code>{code}</code> }.into_any(),
        })
        .collect_view()
}

/// Puts text in the active console's input line and focuses it; the learner presses Enter.
fn paste_into_console(text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let find = |selector: &str| document.query_selector(selector).ok().flatten();
    let Some(input) = find(".console.active-pane textarea.input").or_else(|| find("textarea.input")) else { return };
    let Ok(textarea) = input.dyn_into::<web_sys::HtmlTextAreaElement>() else { return };
    textarea.set_value(text);
    if let Ok(event) = web_sys::Event::new("input") {
        let _ = textarea.dispatch_event(&event);
    }
    let _ = textarea.focus();
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
