//! The cluster view: nodes as areas holding their pods, Deployments -> ReplicaSets -> pods so a
//! rolling update shows old and new side by side, and Services with the pods they select. It is
//! recomputed when the store's revision changes (and with the clock only while some card shows
//! a time, like a restart's `(25s ago)`). Lines join Services to their endpoint pods and
//! Ingresses to their Services (see `cluster_lines`). Each new request through the network
//! pulses the cards on its way, one hop after the other.

use super::cluster_lines::ClusterLines;
use super::cluster_cards::{DeploymentBox, Highlights, IngressBox, NodeArea, PodBox, ReplicaSetBox, ServiceBox, HOP_DELAY_MS};
use super::cluster_workload_cards::{ConfigRow, WorkloadGroups};
use super::cluster_model::{build, traffic, ClusterModel, ExitingPod, Traffic};
use super::details::Selected;
use super::engine::Engine;
use leptos::prelude::*;

/// How long a departed pod stays on screen to fade out, in milliseconds.
const EXIT_MS: f64 = 600.0;

/// The page's monotonic clock in milliseconds.
fn real_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// How long one card's pulse lasts, in milliseconds (the CSS animation's duration).
const PULSE_MS: usize = 800;

/// Pulses the cards of each new request: clears the previous pulse, then sets the new path a
/// frame later (so the CSS animation restarts) and clears it once the last hop is done.
fn animate_traffic(engine: Engine, highlights: Highlights) {
    let latest: Memo<Traffic> = Memo::new(move |_| {
        engine.lines.track();
        engine.clock.track();
        engine.revision.track();
        engine.with_session(|s| traffic(&s.world)).unwrap_or_default()
    });
    let seen = StoredValue::new(None::<u64>);
    Effect::new(move |_| {
        let Traffic { seq, path } = latest.get();
        let first_look = seen.get_value().is_none();
        if seen.get_value() == Some(seq) {
            return;
        }
        seen.set_value(Some(seq));
        // A restored session's old requests are not replayed.
        if first_look || path.is_empty() {
            return;
        }
        highlights.pulse.set(Vec::new());
        let total = PULSE_MS + HOP_DELAY_MS * path.len() + 50;
        set_timeout(
            move || {
                highlights.pulse.set(path);
                set_timeout(
                    move || {
                        if seen.get_value() == Some(seq) {
                            highlights.pulse.set(Vec::new());
                        }
                    },
                    std::time::Duration::from_millis(total as u64),
                );
            },
            std::time::Duration::from_millis(30),
        );
    });
}

/// Counts model builds in `window.kubeplayModelBuilds` and their total time in
/// `window.kubeplayModelBuildMs`, so a test (or a curious developer in the browser console) can
/// see how often and how long the cluster view recomputes.
fn count_model_build(took_ms: f64) {
    use web_sys::js_sys::Reflect;
    let Some(window) = web_sys::window() else { return };
    for (name, amount) in [("kubeplayModelBuilds", 1.0), ("kubeplayModelBuildMs", took_ms)] {
        let key = wasm_bindgen::JsValue::from_str(name);
        let total = Reflect::get(&window, &key).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let _ = Reflect::set(&window, &key, &wasm_bindgen::JsValue::from_f64(total + amount));
    }
}

/// The value of the namespace filter that shows every namespace.
const ALL_NAMESPACES: &str = "*";

/// Makes the namespace filter follow the console's namespace whenever that changes (`kubens
/// test`, `kubectl config set-context --current --namespace=test`): what the learner works on is
/// what the view shows. Picking another namespace in the filter holds until the next change.
fn follow_console_namespace(engine: Engine, namespace: RwSignal<String>) {
    let last_seen = StoredValue::new(String::new());
    Effect::new(move |_| {
        // The prompt names the namespace, so it changes with it.
        engine.prompt.track();
        let Some(current) = engine.with_session(|s| s.world.kubeconfig.namespace()) else { return };
        if last_seen.with_value(|last| *last != current) {
            last_seen.set_value(current.clone());
            namespace.set(current);
        }
    });
}

/// The whole cluster view, with its namespace filter.
#[component]
pub fn ClusterView(engine: Engine, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let namespace = RwSignal::new("default".to_string());
    follow_console_namespace(engine, namespace);
    let highlights = Highlights { pulse: RwSignal::new(Vec::new()), linked: RwSignal::new(Vec::new()) };
    provide_context(highlights);
    animate_traffic(engine, highlights);
    // Pods that just left the store stay a moment, marked exiting, so they can fade out.
    let exiting = StoredValue::new(Vec::<ExitingPod>::new());
    let sweep = RwSignal::new(0u32);
    let last_filter = StoredValue::new(String::new());
    let model: Memo<ClusterModel> = Memo::new(move |previous: Option<&ClusterModel>| {
        engine.revision.track();
        sweep.track();
        let started = real_ms();
        let filter = namespace.get();
        // Pods that leave the view because the filter changed just go.
        let same_filter = last_filter.with_value(|last| *last == filter);
        last_filter.set_value(filter.clone());
        let filter = (filter != ALL_NAMESPACES).then_some(filter);
        let mut model = engine.with_session(|s| build(&s.world, filter.as_deref())).unwrap_or_default();
        let now = real_ms();
        let mut departed = false;
        exiting.update_value(|list| {
            list.retain(|g| g.until_ms > now && model.pods().all(|p| p.key != g.card.key));
            if let Some(previous) = previous.filter(|_| same_filter) {
                for card in previous.pods().filter(|p| !p.exiting) {
                    if model.pods().all(|p| p.key != card.key) && list.iter().all(|g| g.card.key != card.key) {
                        let replica_set = previous.replica_set_of(&card.key);
                        list.push(ExitingPod { card: card.clone(), replica_set, until_ms: now + EXIT_MS });
                        departed = true;
                    }
                }
            }
            for ghost in list.iter() {
                model.add_exiting(ghost);
            }
        });
        if departed {
            set_timeout(move || sweep.update(|n| *n = n.wrapping_add(1)), std::time::Duration::from_millis(EXIT_MS as u64 + 50));
        }
        // Idle ticks change only the clock: they rebuild nothing unless a card shows a time.
        if model.shows_time() {
            engine.clock.track();
        }
        count_model_build(real_ms() - started);
        model
    });
    let keys = move |list: fn(&ClusterModel) -> Vec<String>| move || model.with(list);

    let container = NodeRef::<leptos::html::Section>::new();

    view! {
        <section class="cluster-view" aria-label="cluster view" data-testid="cluster-view" node_ref=container>
            <div class="cluster-toolbar">
                <h2>"Cluster"</h2>
                <label>
                    "namespace "
                    <select
                        data-testid="namespace-filter"
                        on:change=move |ev| namespace.set(event_target_value(&ev))
                    >
                        <option value=ALL_NAMESPACES>"(all namespaces)"</option>
                        <For
                            each=move || model.with(|m| m.namespaces.clone())
                            key=|ns: &String| ns.clone()
                            let:ns
                        >
                            <option value=ns.clone() prop:selected={ let ns = ns.clone(); move || ns == namespace.get() }>
                                {ns.clone()}
                            </option>
                        </For>
                    </select>
                </label>
            </div>

            <h3>"Workloads"</h3>
            <div class="workloads">
                <For
                    each=keys(|m| m.deployments.iter().map(|d| d.key.clone()).collect())
                    key=|k: &String| k.clone()
                    let:key
                >
                    <DeploymentBox model key selected />
                </For>
                <For
                    each=keys(|m| m.replica_sets.iter().map(|r| r.key.clone()).collect())
                    key=|k: &String| k.clone()
                    let:key
                >
                    <ReplicaSetBox model key selected />
                </For>
                <Show when=move || model.with(|m| !m.bare_pods.is_empty())>
                    <div class="group bare-pods">
                        <div class="group-title">"pods without a ReplicaSet"</div>
                        <div class="pods">
                            <For
                                each=move || model.with(|m| m.bare_pods.clone())
                                key=|p| p.key.clone()
                                let:pod
                            >
                                <PodBox model pod_key=pod.key selected testid="pod" />
                            </For>
                        </div>
                    </div>
                </Show>
                <WorkloadGroups model selected />
                <Show when=move || model.with(|m| m.deployments.is_empty() && m.replica_sets.is_empty() && m.bare_pods.is_empty() && m.workloads.has_no_workloads())>
                    <p class="empty">"No workloads in this namespace yet. Try "<code>"kubectl create deployment web --image=nginx"</code></p>
                </Show>
            </div>

            <Show when=move || model.with(|m| !m.services.is_empty())>
                <h3>"Services"</h3>
                <div class="services">
                    <For
                        each=move || model.with(|m| m.services.clone())
                        key=|s| (s.key.clone(), s.pods.clone(), s.cluster_ip.clone(), s.external_ip.clone())
                        let:service
                    >
                        <ServiceBox service selected />
                    </For>
                </div>
            </Show>

            <Show when=move || model.with(|m| !m.ingresses.is_empty())>
                <h3>"Ingresses"</h3>
                <div class="services ingresses">
                    <For
                        each=move || model.with(|m| m.ingresses.clone())
                        key=|i| (i.key.clone(), i.rules.clone(), i.address.clone(), i.class.clone())
                        let:ingress
                    >
                        <IngressBox ingress selected />
                    </For>
                </div>
            </Show>

            <ConfigRow model selected />

            <h3>"Nodes"</h3>
            <div class="nodes">
                <For
                    each=keys(|m| m.nodes.iter().map(|n| n.name.clone()).collect())
                    key=|k: &String| k.clone()
                    let:name
                >
                    <NodeArea model name selected />
                </For>
                <Show when=move || model.with(|m| !m.unscheduled.is_empty())>
                    <div class="node unscheduled">
                        <div class="group-title">"not scheduled yet"</div>
                        <div class="pods">
                            <For
                                each=move || model.with(|m| m.unscheduled.clone())
                                key=|p| p.key.clone()
                                let:pod
                            >
                                <PodBox model pod_key=pod.key selected testid="node-pod" />
                            </For>
                        </div>
                    </div>
                </Show>
            </div>
            <ClusterLines model container />
        </section>
    }
}
