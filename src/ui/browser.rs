//! The simulated browser: an address bar, the answer's status line, the page rendered in a
//! sandboxed frame that runs no scripts, and the page's links as buttons. The frame shares the
//! page's origin (`allow-same-origin`, never `allow-scripts`), so the pane itself listens to it:
//! link clicks and form submissions are stopped there and sent through the simulated network
//! instead, with the cookies the sites set. Pages whose script would send any click (or the n-th
//! scroll) elsewhere get that one behaviour emulated.

use super::engine::Engine;
use super::web_page::{follow_link, CookieJar, Loaded, PageRequest};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::Reflect;

/// What the frame may do: share the origin so the pane can listen to it, and fire submit events
/// (the pane cancels them; the page's CSP `form-action 'none'` would block them anyway). No
/// scripts, no popups, no navigation of the page around it.
const FRAME_SANDBOX: &str = "allow-same-origin allow-forms";

/// An event listener the pane put on the frame's document.
type Listener = Closure<dyn FnMut(web_sys::Event)>;

/// The browser pane bound to `engine`.
#[component]
pub fn Browser(engine: Engine) -> impl IntoView {
    let address = RwSignal::new(String::from("http://localhost:8080/"));
    let page = RwSignal::new(None::<Result<Loaded, String>>);
    let jar = StoredValue::new(CookieJar::default());
    let listeners = StoredValue::new_local(Vec::<Listener>::new());
    let suggestions = Memo::new(move |_| {
        engine.revision.track();
        engine.lines.track();
        engine.page_suggestions()
    });
    let go = move |request: PageRequest| {
        let mut cookies = jar.get_value();
        let loaded = engine.load_page(&request, &mut cookies);
        jar.set_value(cookies);
        if let Ok(done) = &loaded {
            address.set(done.address.clone());
        } else {
            address.set(request.address);
        }
        page.set(Some(loaded));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go(PageRequest::get(&address.get_untracked()));
    };
    let shown_address = move || match page.get_untracked() {
        Some(Ok(loaded)) => Some(loaded.address),
        _ => None,
    };
    let on_frame_load = move |ev: web_sys::Event| {
        let Some(frame) = ev.target().map(|t| t.unchecked_into::<web_sys::HtmlIFrameElement>()) else { return };
        let Some(document) = frame.content_document() else { return };
        let submit: Listener = Closure::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            let Some(from) = shown_address() else { return };
            if let Some(request) = submission(&ev, &from) {
                go(request);
            }
        });
        let click: Listener = Closure::new(move |ev: web_sys::Event| {
            let Some(Ok(loaded)) = page.get_untracked() else { return };
            let target = ev.target().map(|t| t.unchecked_into::<web_sys::Element>());
            let link = target.and_then(|t| t.closest("a[href]").ok().flatten());
            if let Some(link) = link {
                ev.prevent_default();
                if let Some(request) = follow_link(&loaded.address, &link.get_attribute("href").unwrap_or_default()) {
                    go(request);
                }
            } else if let Some(to) = loaded.click_to {
                ev.prevent_default();
                go(PageRequest::get(&to));
            }
        });
        let mut scrolls = 0;
        let wheel: Listener = Closure::new(move |_: web_sys::Event| {
            let Some(Ok(Loaded { scroll_to: Some((count, to)), .. })) = page.get_untracked() else { return };
            scrolls += 1;
            if scrolls == count {
                go(PageRequest::get(&to));
            }
        });
        let _ = document.add_event_listener_with_callback("submit", submit.as_ref().unchecked_ref());
        let _ = document.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
        let _ = document.add_event_listener_with_callback("wheel", wheel.as_ref().unchecked_ref());
        listeners.set_value(vec![submit, click, wheel]);
        let _ = frame.set_attribute("data-interactive", "true");
    };

    view! {
        <section class="browser" data-testid="browser" aria-label="simulated browser">
            <form class="browser-bar" on:submit=on_submit>
                <input
                    type="text"
                    class="browser-address"
                    data-testid="browser-address"
                    aria-label="address"
                    spellcheck="false"
                    prop:value=move || address.get()
                    on:input=move |ev| address.set(event_target_value(&ev))
                />
                <button type="submit" data-testid="browser-go">"Go"</button>
            </form>
            <div class="browser-chips">
                <For each=move || suggestions.get() key=|a| a.clone() let:target>
                    <button class="chip" data-testid="browser-suggestion" on:click={
                        let target = target.clone();
                        move |_| go(PageRequest::get(&target))
                    }>
                        {target.clone()}
                    </button>
                </For>
            </div>
            {move || match page.get() {
                None => view! { <p class="browser-status muted">"Load a page a port-forward, a load balancer or an ingress serves."</p> }.into_any(),
                Some(Err(problem)) => view! {
                    <p class="browser-status failed" data-testid="browser-status">{problem}</p>
                }.into_any(),
                Some(Ok(loaded)) => {
                    let links = loaded.links.clone();
                    let no_links = links.is_empty();
                    let hint = emulation_hint(&loaded);
                    view! {
                        <p class="browser-status" data-testid="browser-status">{loaded.status.clone()}</p>
                        {hint.map(|text| view! { <p class="browser-status muted" data-testid="browser-hint">{text}</p> })}
                        <div class="browser-chips" hidden=no_links>
                            {links.into_iter().map(|link| view! {
                                <button class="chip" data-testid="browser-link" on:click={
                                    let link = link.clone();
                                    move |_| go(PageRequest::get(&link))
                                }>{link.clone()}</button>
                            }).collect_view()}
                        </div>
                        <iframe
                            class="browser-frame"
                            data-testid="browser-frame"
                            title="page"
                            sandbox=FRAME_SANDBOX
                            srcdoc=loaded.document
                            on:load=on_frame_load
                        />
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Tells the learner what the pane does in place of the page's script, if anything.
fn emulation_hint(loaded: &Loaded) -> Option<String> {
    let scroll = loaded.scroll_to.as_ref().map(|(count, _)| format!(" or scroll {count} time{}", if *count == 1 { "" } else { "s" }));
    let to = loaded.click_to.as_ref().or(loaded.scroll_to.as_ref().map(|(_, to)| to))?;
    let what = if loaded.click_to.is_some() { format!("click anywhere{}", scroll.unwrap_or_default()) } else { scroll.unwrap_or_default().trim_start_matches(" or ").to_string() };
    Some(format!("Scripts do not run here; this page's script would send you to {to} when you {what}, and so does the pane."))
}

/// The request the form a submit event `ev` comes from makes, from the page at `page_address`.
/// The frame's elements belong to another window, so they are read by property, not by type.
fn submission(ev: &web_sys::Event, page_address: &str) -> Option<PageRequest> {
    let form = ev.target()?.unchecked_into::<web_sys::Element>();
    let submitter = Reflect::get(ev, &JsValue::from_str("submitter")).ok().filter(|s| s.is_object());
    let action = form.get_attribute("action").unwrap_or_default();
    let method = form.get_attribute("method").unwrap_or_default();
    let fields = form_fields(&form, submitter.as_ref());
    PageRequest::form(page_address, &action, &method, &fields).ok()
}

/// The name/value pairs a browser sends for `form`: named, enabled controls; checkboxes and
/// radios only when checked; buttons only when they submitted the form.
fn form_fields(form: &web_sys::Element, submitter: Option<&JsValue>) -> Vec<(String, String)> {
    let text = |of: &JsValue, name: &str| Reflect::get(of, &JsValue::from_str(name)).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let flag = |of: &JsValue, name: &str| Reflect::get(of, &JsValue::from_str(name)).is_ok_and(|v| v.is_truthy());
    let Ok(elements) = Reflect::get(form, &JsValue::from_str("elements")) else { return Vec::new() };
    let count = Reflect::get(&elements, &JsValue::from_str("length")).ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
    let mut fields = Vec::new();
    for index in 0..count {
        let Ok(control) = Reflect::get_u32(&elements, index) else { continue };
        let name = text(&control, "name");
        if name.is_empty() || flag(&control, "disabled") {
            continue;
        }
        let kind = text(&control, "type").to_ascii_lowercase();
        let included = match kind.as_str() {
            "checkbox" | "radio" => flag(&control, "checked"),
            "submit" | "image" => submitter.is_some_and(|s| s == &control),
            "button" | "reset" | "file" | "fieldset" | "" => false,
            _ => true,
        };
        if included {
            fields.push((name, text(&control, "value")));
        }
    }
    fields
}
