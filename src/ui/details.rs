//! The side panel: `kubectl describe` and `kubectl get -o yaml` of the object clicked in the
//! cluster view, run through the same kubectl the console uses, refreshed as the object changes.

use super::engine::Engine;
use crate::output::Output;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The object the side panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selected {
    /// kubectl's resource name: `pod`, `replicaset`, ...
    pub resource: &'static str,
    /// Empty for cluster-scoped objects.
    pub namespace: String,
    pub name: String,
}

/// Which text the panel shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Describe,
    Yaml,
}

/// Runs a read-only kubectl command on the engine's world and returns what it printed.
fn kubectl_text(engine: &Engine, args: Vec<String>) -> String {
    engine
        .inspect_mut(|s| {
            let mut out = Output::default();
            let _ = crate::kubectl::kubectl(&mut s.world, &args, "", &BTreeMap::new(), &mut out);
            out.take().into_iter().map(|c| c.text).collect::<String>()
        })
        .unwrap_or_default()
}

/// The side panel for `selected` (hidden when nothing is selected).
#[component]
pub fn Details(engine: Engine, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let tab = RwSignal::new(Tab::Describe);
    let text = Memo::new(move |_| {
        engine.revision.track();
        let selection = selected.get()?;
        let verb = match tab.get() {
            Tab::Describe => vec!["describe".to_string()],
            Tab::Yaml => vec!["get".to_string(), "-o".into(), "yaml".into()],
        };
        let mut args = verb;
        args.push(selection.resource.to_string());
        args.push(selection.name.clone());
        if !selection.namespace.is_empty() {
            args.push("-n".into());
            args.push(selection.namespace.clone());
        }
        Some(kubectl_text(&engine, args))
    });
    let title = move || selected.with(|s| s.as_ref().map(|s| format!("{}/{}", s.resource, s.name)).unwrap_or_default());

    view! {
        <Show when=move || selected.with(Option::is_some)>
            <aside class="details" data-testid="details" aria-label="object details">
                <div class="details-bar">
                    <strong class="details-title">{title}</strong>
                    <div class="tabs" role="tablist">
                        <button role="tab" data-testid="details-describe" aria-selected=move || (tab.get() == Tab::Describe).to_string() on:click=move |_| tab.set(Tab::Describe)>"describe"</button>
                        <button role="tab" data-testid="details-yaml" aria-selected=move || (tab.get() == Tab::Yaml).to_string() on:click=move |_| tab.set(Tab::Yaml)>"YAML"</button>
                    </div>
                    <button class="close" data-testid="details-close" aria-label="close details" on:click=move |_| selected.set(None)>"✕"</button>
                </div>
                <pre class="details-text" data-testid="details-text">{move || text.get().unwrap_or_default()}</pre>
            </aside>
        </Show>
    }
}
