//! The simulated browser: an address bar, the answer's status line, the page rendered in a
//! sandboxed frame that runs no scripts, and the page's links as buttons (links inside the frame
//! cannot be followed without scripts, so the pane offers them here).

use super::engine::Engine;
use super::web_page::Loaded;
use leptos::prelude::*;

/// The browser pane bound to `engine`.
#[component]
pub fn Browser(engine: Engine) -> impl IntoView {
    let address = RwSignal::new(String::from("http://localhost:8080/"));
    let page = RwSignal::new(None::<Result<Loaded, String>>);
    let suggestions = Memo::new(move |_| {
        engine.revision.track();
        engine.lines.track();
        engine.page_suggestions()
    });
    let go = move |target: String| {
        let loaded = engine.load_page(&target);
        if let Ok(done) = &loaded {
            address.set(done.address.clone());
        } else {
            address.set(target);
        }
        page.set(Some(loaded));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go(address.get_untracked());
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
                        move |_| go(target.clone())
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
                    view! {
                        <p class="browser-status" data-testid="browser-status">{loaded.status.clone()}</p>
                        <div class="browser-chips" hidden=no_links>
                            {links.into_iter().map(|link| view! {
                                <button class="chip" data-testid="browser-link" on:click={
                                    let link = link.clone();
                                    move |_| go(link.clone())
                                }>{link.clone()}</button>
                            }).collect_view()}
                        </div>
                        <iframe
                            class="browser-frame"
                            data-testid="browser-frame"
                            title="page"
                            sandbox=""
                            srcdoc=loaded.document
                        />
                    }.into_any()
                }
            }}
        </section>
    }
}
