//! The boxes of the cluster view. Each box is keyed by its object and reads its own card from
//! the model, so a status change updates the box in place (and its colour transitions) instead
//! of re-creating it.

use super::cluster_model::{card_key, ClusterModel, IngressCard, PodCard, ServiceCard};
use super::details::Selected;
use leptos::prelude::*;

/// Shared by the cards through context: which cards the latest request lights (with each one's
/// place on the way, for the delay of its pulse) and which pods the hovered Service routes to.
#[derive(Clone, Copy)]
pub struct Highlights {
    /// Card keys of the request being animated, in hop order; empty between requests.
    pub pulse: RwSignal<Vec<String>>,
    /// Pod card keys (`namespace/name`) behind the Service under the pointer.
    pub linked: RwSignal<Vec<String>>,
}

/// Milliseconds between the pulses of consecutive hops.
pub const HOP_DELAY_MS: usize = 200;

/// `class:pulse` and its delay for the card with `key`, from the context's [`Highlights`].
fn pulse_of(key: String) -> (impl Fn() -> bool + Clone + 'static, impl Fn() -> String + 'static) {
    let highlights = use_context::<Highlights>();
    let place = {
        let key = key.clone();
        move || highlights.and_then(|h| h.pulse.with(|p| p.iter().position(|k| *k == key)))
    };
    let on = {
        let place = place.clone();
        move || place().is_some()
    };
    (on, move || place().map_or_else(String::new, |i| format!("{}ms", i * HOP_DELAY_MS)))
}

/// Finds a pod card anywhere in the model.
fn find_pod(model: &ClusterModel, key: &str) -> Option<PodCard> {
    model.pods().find(|p| p.key == key).cloned()
}

/// A clickable object label: opens the side panel on that object.
fn select_handler(selected: RwSignal<Option<Selected>>, resource: &'static str, key: &str) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    let (namespace, name) = key.split_once('/').map(|(n, m)| (n.to_string(), m.to_string())).unwrap_or_default();
    move |ev: leptos::ev::MouseEvent| {
        ev.stop_propagation();
        selected.set(Some(Selected { resource, namespace: namespace.clone(), name: name.clone() }));
    }
}

/// One pod: name and kubectl's STATUS text, coloured by status.
#[component]
pub fn PodBox(model: Memo<ClusterModel>, pod_key: String, selected: RwSignal<Option<Selected>>, testid: &'static str) -> impl IntoView {
    let lookup_key = pod_key.clone();
    let card = Memo::new(move |previous: Option<&PodCard>| {
        model.with(|m| find_pod(m, &lookup_key)).or_else(|| previous.cloned()).unwrap_or_default()
    });
    let is_selected = {
        let key = pod_key.clone();
        move || selected.with(|s| s.as_ref().is_some_and(|s| s.resource == "pod" && format!("{}/{}", s.namespace, s.name) == key))
    };
    let (namespace, name) = pod_key.split_once('/').unwrap_or_default();
    let pod_card_key = card_key("pod", namespace, name);
    let (pulsing, delay) = pulse_of(pod_card_key.clone());
    let linked = {
        let key = pod_key.clone();
        let highlights = use_context::<Highlights>();
        move || highlights.is_some_and(|h| h.linked.with(|l| l.contains(&key)))
    };
    view! {
        <button
            class=move || card.with(|c| format!("pod {}{}", c.tone, if c.exiting { " exiting" } else { "" }))
            class:selected=is_selected
            class:pulse=pulsing
            class:linked=linked
            style:animation-delay=delay
            data-testid=move || if card.with(|c| c.exiting) { "pod-exiting" } else { testid }
            data-card=pod_card_key
            data-name=move || card.with(|c| c.name.clone())
            data-status=move || card.with(|c| c.status.clone())
            data-ready=move || card.with(|c| c.ready.clone())
            title=move || card.with(|c| format!("pod {} on {}: {} (ready {}, restarts {})", c.name, if c.node.is_empty() { "no node" } else { &c.node }, c.status, c.ready, c.restarts))
            on:click=select_handler(selected, "pod", &pod_key)
        >
            <span class="pod-name">{move || card.with(|c| c.name.clone())}</span>
            <span class="pod-status">
                {move || card.with(|c| c.status.clone())}
                " "
                <span class="pod-ready" data-testid="pod-ready" title="ready containers">{move || card.with(|c| c.ready.clone())}</span>
            </span>
        </button>
    }
}

/// A ReplicaSet: its revision, pod-template-hash, counts and pods.
#[component]
pub fn ReplicaSetBox(model: Memo<ClusterModel>, key: String, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let lookup_key = key.clone();
    let card = Memo::new(move |previous: Option<&super::cluster_model::ReplicaSetCard>| {
        model.with(|m| m.replica_set(&lookup_key).cloned()).or_else(|| previous.cloned()).unwrap_or_default()
    });
    view! {
        <div
            class="group replicaset"
            class:scaled-down=move || card.with(|c| c.desired == 0 && c.pods.is_empty())
            data-testid="replicaset"
            data-name=move || card.with(|c| c.name.clone())
        >
            <button class="group-title" on:click=select_handler(selected, "replicaset", &key)>
                <span class="kind">"rs"</span>
                <span class="name">{move || card.with(|c| c.name.clone())}</span>
                <span class="meta">
                    {move || card.with(|c| {
                        let mut parts = Vec::new();
                        if !c.revision.is_empty() { parts.push(format!("rev {}", c.revision)); }
                        if !c.hash.is_empty() { parts.push(format!("hash {}", c.hash)); }
                        parts.push(format!("{}/{} ready", c.ready, c.desired));
                        parts.join(" · ")
                    })}
                </span>
            </button>
            <div class="pods">
                <For
                    each=move || card.with(|c| c.pods.iter().map(|p| p.key.clone()).collect::<Vec<_>>())
                    key=|k: &String| k.clone()
                    let:pod_key
                >
                    <PodBox model pod_key selected testid="pod" />
                </For>
            </div>
        </div>
    }
}

/// A Deployment holding its ReplicaSets, newest first.
#[component]
pub fn DeploymentBox(model: Memo<ClusterModel>, key: String, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let lookup_key = key.clone();
    let card = Memo::new(move |previous: Option<&super::cluster_model::DeploymentCard>| {
        model.with(|m| m.deployment(&lookup_key).cloned()).or_else(|| previous.cloned()).unwrap_or_default()
    });
    view! {
        <div class="group deployment" data-testid="deployment" data-name=move || card.with(|c| c.name.clone())>
            <button class="group-title" on:click=select_handler(selected, "deployment", &key)>
                <span class="kind">"deploy"</span>
                <span class="name">{move || card.with(|c| c.name.clone())}</span>
                <span class="meta">{move || card.with(|c| format!("{} ready", c.ready))}</span>
            </button>
            <div class="replicasets">
                <For
                    each=move || card.with(|c| c.replica_sets.iter().map(|r| r.key.clone()).collect::<Vec<_>>())
                    key=|k: &String| k.clone()
                    let:key
                >
                    <ReplicaSetBox model key selected />
                </For>
            </div>
        </div>
    }
}

/// A node: an area with the pods bound to it.
#[component]
pub fn NodeArea(model: Memo<ClusterModel>, name: String, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let lookup = name.clone();
    let pod_keys = move || model.with(|m| m.node(&lookup).map(|n| n.pods.iter().map(|p| p.key.clone()).collect::<Vec<_>>()).unwrap_or_default());
    let ready_name = name.clone();
    let ready = Memo::new(move |_| model.with(|m| m.node(&ready_name).is_some_and(|n| n.ready)));
    view! {
        <div class="node" class:not-ready=move || !ready.get() data-testid="node" data-name=name.clone()>
            <button class="group-title" on:click=select_handler(selected, "node", &format!("/{name}"))>
                <span class="kind">"node"</span>
                <span class="name">{name.clone()}</span>
                <span class="meta">{move || if ready.get() { "Ready" } else { "NotReady" }}</span>
            </button>
            <div class="pods">
                <For each=pod_keys key=|k: &String| k.clone() let:pod_key>
                    <PodBox model pod_key selected testid="node-pod" />
                </For>
            </div>
        </div>
    }
}

/// A Service with its type, cluster IP and the pods its Endpoints route to; hovering it
/// highlights those pod cards.
#[component]
pub fn ServiceBox(service: ServiceCard, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let pods = if service.pods.is_empty() { "no ready endpoints".to_string() } else { format!("→ {}", service.pods.join(", ")) };
    let service_card_key = card_key("svc", &service.namespace, &service.name);
    let (pulsing, delay) = pulse_of(service_card_key.clone());
    let highlights = use_context::<Highlights>();
    let routed: Vec<String> = service.pods.iter().map(|p| format!("{}/{}", service.namespace, p)).collect();
    view! {
        <button
            class="service"
            class:pulse=pulsing
            style:animation-delay=delay
            data-testid="service"
            data-card=service_card_key
            data-name=service.name.clone()
            on:click=select_handler(selected, "service", &service.key)
            on:mouseenter=move |_| if let Some(h) = highlights { h.linked.set(routed.clone()) }
            on:mouseleave=move |_| if let Some(h) = highlights { h.linked.set(Vec::new()) }
        >
            <span class="kind">"svc"</span>
            <span class="name">{service.name.clone()}</span>
            <span class="meta">{format!("{} {}", service.type_, service.cluster_ip)}</span>
            {(!service.external_ip.is_empty()).then(|| view! {
                <span class="meta external-ip" data-testid="service-external-ip">{format!("external {}", service.external_ip)}</span>
            })}
            <span class="selects" data-testid="service-pods">{pods}</span>
        </button>
    }
}

/// An Ingress with its class, address and `host/path → service:port` rules.
#[component]
pub fn IngressBox(ingress: IngressCard, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let (namespace, name) = ingress.key.split_once('/').unwrap_or_default();
    let ingress_card_key = card_key("ing", namespace, name);
    let (pulsing, delay) = pulse_of(ingress_card_key.clone());
    let meta = [ingress.class.clone(), ingress.address.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
    view! {
        <button
            class="service ingress"
            class:pulse=pulsing
            style:animation-delay=delay
            data-testid="ingress"
            data-card=ingress_card_key
            data-name=ingress.name.clone()
            on:click=select_handler(selected, "ingress", &ingress.key)
        >
            <span class="kind">"ing"</span>
            <span class="name">{ingress.name.clone()}</span>
            <span class="meta">{meta}</span>
            {ingress.rules.iter().map(|r| view! { <span class="selects">{r.clone()}</span> }).collect_view()}
        </button>
    }
}
