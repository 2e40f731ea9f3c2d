//! The cluster view: nodes as areas holding their pods, Deployments -> ReplicaSets -> pods so a
//! rolling update shows old and new side by side, and Services with the pods they select. It is
//! recomputed when the store's revision (or the clock, for ages in STATUS) changes.

use super::cluster_cards::{DeploymentBox, NodeArea, PodBox, ReplicaSetBox, ServiceBox};
use super::cluster_model::{build, ClusterModel};
use super::details::Selected;
use super::engine::Engine;
use leptos::prelude::*;

/// The value of the namespace filter that shows every namespace.
const ALL_NAMESPACES: &str = "*";

/// The whole cluster view, with its namespace filter.
#[component]
pub fn ClusterView(engine: Engine, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let namespace = RwSignal::new("default".to_string());
    let model: Memo<ClusterModel> = Memo::new(move |_| {
        engine.revision.track();
        engine.clock.track();
        let filter = namespace.get();
        let filter = (filter != ALL_NAMESPACES).then_some(filter);
        engine.with_session(|s| build(&s.world, filter.as_deref())).unwrap_or_default()
    });
    let keys = move |list: fn(&ClusterModel) -> Vec<String>| move || model.with(list);

    view! {
        <section class="cluster-view" aria-label="cluster view" data-testid="cluster-view">
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
                            <option value=ns.clone() selected=ns == namespace.get_untracked()>
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
                <Show when=move || model.with(|m| m.deployments.is_empty() && m.replica_sets.is_empty() && m.bare_pods.is_empty())>
                    <p class="empty">"No workloads in this namespace yet. Try "<code>"kubectl create deployment web --image=nginx"</code></p>
                </Show>
            </div>

            <Show when=move || model.with(|m| !m.services.is_empty())>
                <h3>"Services"</h3>
                <div class="services">
                    <For
                        each=move || model.with(|m| m.services.clone())
                        key=|s| (s.key.clone(), s.pods.clone(), s.cluster_ip.clone())
                        let:service
                    >
                        <ServiceBox service selected />
                    </For>
                </div>
            </Show>

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
        </section>
    }
}
