//! The boxes of the workloads that are not Deployments (StatefulSets, DaemonSets, CronJobs ->
//! Jobs) and the "config and storage" row. Like the other boxes, each is keyed by its object and
//! reads its own card from the model, so a change updates it in place; pods are the same
//! [`PodBox`] as everywhere, with the same colours and animations.

use super::cluster_cards::PodBox;
use super::cluster_model::ClusterModel;
use super::cluster_workloads::{ConfigCard, CronJobCard, DaemonSetCard, JobCard, StatefulSetCard, Workloads};
use super::details::Selected;
use leptos::prelude::*;

/// Opens the side panel on `resource` `key` (`namespace/name`, `/name` when cluster-scoped).
fn open_details(selected: RwSignal<Option<Selected>>, resource: &'static str, key: &str) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    let (namespace, name) = key.split_once('/').map(|(n, m)| (n.to_string(), m.to_string())).unwrap_or_default();
    move |ev: leptos::ev::MouseEvent| {
        ev.stop_propagation();
        selected.set(Some(Selected { resource, namespace: namespace.clone(), name: name.clone() }));
    }
}

/// A memo of one card of the workloads, keeping the last one seen while it disappears.
fn card_memo<T: Clone + Default + PartialEq + Send + Sync + 'static>(
    model: Memo<ClusterModel>,
    key: String,
    find: fn(&Workloads, &str) -> Option<T>,
) -> Memo<T> {
    Memo::new(move |previous: Option<&T>| model.with(|m| find(&m.workloads, &key)).or_else(|| previous.cloned()).unwrap_or_default())
}

/// The pods of a group, as the same pod boxes the rest of the view uses.
fn pod_boxes(model: Memo<ClusterModel>, selected: RwSignal<Option<Selected>>, keys: impl Fn() -> Vec<String> + Send + Sync + 'static) -> impl IntoView {
    view! {
        <div class="pods">
            <For each=keys key=|k: &String| k.clone() let:pod_key>
                <PodBox model pod_key selected testid="pod" />
            </For>
        </div>
    }
}

/// A StatefulSet: READY, its revision (current -> update while a rolling update runs) and its
/// pods in ordinal order, each with the claims it mounts.
#[component]
pub fn StatefulSetBox(model: Memo<ClusterModel>, key: String, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let card: Memo<StatefulSetCard> = card_memo(model, key.clone(), |w, k| w.stateful_set(k).cloned());
    let revision = move || {
        card.with(|c| match (c.current_revision.as_str(), c.update_revision.as_str()) {
            ("", "") => String::new(),
            (current, update) if current == update || update.is_empty() => format!("revision {current}"),
            ("", update) => format!("revision {update}"),
            (current, update) => format!("updating {current} → {update}"),
        })
    };
    let rolling = move || card.with(|c| !c.update_revision.is_empty() && !c.current_revision.is_empty() && c.current_revision != c.update_revision);
    view! {
        <div class="group statefulset" class:rolling=rolling data-testid="statefulset" data-name=move || card.with(|c| c.name.clone())>
            <button class="group-title" on:click=open_details(selected, "statefulset", &key)>
                <span class="kind">"sts"</span>
                <span class="name">{move || card.with(|c| c.name.clone())}</span>
                <span class="meta" data-testid="statefulset-ready">{move || card.with(|c| format!("{} ready", c.ready))}</span>
                <span class="meta" data-testid="statefulset-revision">{revision}</span>
            </button>
            <div class="pods">
                <For
                    each=move || card.with(|c| c.pods.iter().map(|p| p.pod_key.clone()).collect::<Vec<_>>())
                    key=|k: &String| k.clone()
                    let:pod_key
                >
                    <StatefulPodBox model card pod_key selected />
                </For>
            </div>
        </div>
    }
}

/// One pod of a StatefulSet with its revision and claim chips under it.
#[component]
fn StatefulPodBox(model: Memo<ClusterModel>, card: Memo<StatefulSetCard>, pod_key: String, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let lookup = pod_key.clone();
    let pod = Memo::new(move |previous: Option<&super::cluster_workloads::StatefulPod>| {
        card.with(|c| c.pods.iter().find(|p| p.pod_key == lookup).cloned()).or_else(|| previous.cloned()).unwrap_or_default()
    });
    let outdated = move || {
        card.with(|c| pod.with(|p| !p.revision.is_empty() && !c.update_revision.is_empty() && p.revision != c.update_revision))
    };
    view! {
        <div class="stateful-pod" class:outdated=outdated data-testid="statefulset-pod" data-revision=move || pod.with(|p| p.revision.clone())>
            <PodBox model pod_key selected testid="pod" />
            <div class="claims">
                <For
                    each=move || pod.with(|p| p.claims.clone())
                    key=|c| (c.name.clone(), c.status.clone())
                    let:claim
                >
                    <button
                        class=format!("claim-chip {}", claim.tone)
                        data-testid="pvc-chip"
                        data-name=claim.name.clone()
                        data-status=claim.status.clone()
                        title=format!("PersistentVolumeClaim {}: {}", claim.name, claim.status)
                        on:click=open_details(selected, "persistentvolumeclaim", &format!("{}/{}", card.with_untracked(|c| c.namespace.clone()), claim.name))
                    >
                        {format!("{} {}", claim.name, claim.status)}
                    </button>
                </For>
            </div>
        </div>
    }
}

/// A DaemonSet: DESIRED/READY, its revision and one pod per node.
#[component]
pub fn DaemonSetBox(model: Memo<ClusterModel>, key: String, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let card: Memo<DaemonSetCard> = card_memo(model, key.clone(), |w, k| w.daemon_set(k).cloned());
    let meta = move || {
        card.with(|c| {
            let mut parts = vec![format!("desired {}", c.desired), format!("ready {}", c.ready)];
            if !c.revision.is_empty() {
                parts.push(format!("rev {}", c.revision));
            }
            parts.join(" · ")
        })
    };
    view! {
        <div class="group daemonset" data-testid="daemonset" data-name=move || card.with(|c| c.name.clone())>
            <button class="group-title" on:click=open_details(selected, "daemonset", &key)>
                <span class="kind">"ds"</span>
                <span class="name">{move || card.with(|c| c.name.clone())}</span>
                <span class="meta" data-testid="daemonset-meta">{meta}</span>
            </button>
            {pod_boxes(model, selected, move || card.with(|c| c.pods.clone()))}
        </div>
    }
}

/// A Job: COMPLETIONS, STATUS (coloured) and its pods.
#[component]
pub fn JobBox(model: Memo<ClusterModel>, key: String, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let card: Memo<JobCard> = card_memo(model, key.clone(), |w, k| w.job(k).cloned());
    view! {
        <div class="group job" data-testid="job" data-name=move || card.with(|c| c.name.clone()) data-status=move || card.with(|c| c.status.clone())>
            <button class="group-title" on:click=open_details(selected, "job", &key)>
                <span class="kind">"job"</span>
                <span class="name">{move || card.with(|c| c.name.clone())}</span>
                <span class="meta" data-testid="job-completions">{move || card.with(|c| c.completions.clone())}</span>
                <span class=move || card.with(|c| format!("job-status {}", c.tone)) data-testid="job-status">{move || card.with(|c| c.status.clone())}</span>
            </button>
            {pod_boxes(model, selected, move || card.with(|c| c.pods.clone()))}
        </div>
    }
}

/// A CronJob: schedule, last schedule time and the Jobs it made.
#[component]
pub fn CronJobBox(model: Memo<ClusterModel>, key: String, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let card: Memo<CronJobCard> = card_memo(model, key.clone(), |w, k| w.cron_job(k).cloned());
    let meta = move || {
        card.with(|c| {
            let last = if c.last_schedule == "<none>" { "never ran yet".to_string() } else { format!("last {} ago", c.last_schedule) };
            let suspended = if c.suspended { " · suspended" } else { "" };
            format!("{} · {last}{suspended}", c.schedule)
        })
    };
    view! {
        <div class="group cronjob" data-testid="cronjob" data-name=move || card.with(|c| c.name.clone())>
            <button class="group-title" on:click=open_details(selected, "cronjob", &key)>
                <span class="kind">"cj"</span>
                <span class="name">{move || card.with(|c| c.name.clone())}</span>
                <span class="meta" data-testid="cronjob-meta">{meta}</span>
            </button>
            <div class="replicasets">
                <For
                    each=move || card.with(|c| c.jobs.iter().map(|j| j.key.clone()).collect::<Vec<_>>())
                    key=|k: &String| k.clone()
                    let:key
                >
                    <JobBox model key selected />
                </For>
            </div>
        </div>
    }
}

/// Every group of this module, in the order StatefulSets, DaemonSets, CronJobs, Jobs.
#[component]
pub fn WorkloadGroups(model: Memo<ClusterModel>, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let keys = move |list: fn(&Workloads) -> Vec<String>| move || model.with(|m| list(&m.workloads));
    view! {
        <For each=keys(|w| w.stateful_sets.iter().map(|s| s.key.clone()).collect()) key=|k: &String| k.clone() let:key>
            <StatefulSetBox model key selected />
        </For>
        <For each=keys(|w| w.daemon_sets.iter().map(|d| d.key.clone()).collect()) key=|k: &String| k.clone() let:key>
            <DaemonSetBox model key selected />
        </For>
        <For each=keys(|w| w.cron_jobs.iter().map(|c| c.key.clone()).collect()) key=|k: &String| k.clone() let:key>
            <CronJobBox model key selected />
        </For>
        <For each=keys(|w| w.jobs.iter().map(|j| j.key.clone()).collect()) key=|k: &String| k.clone() let:key>
            <JobBox model key selected />
        </For>
    }
}

/// One small card of the config row: kind, name, key count or size, and a claim's phase.
#[component]
fn ConfigBox(item: ConfigCard, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    view! {
        <button
            class=format!("service config-item {}", item.resource)
            data-testid="config-item"
            data-kind=item.kind
            data-name=item.name.clone()
            data-status=item.status.clone()
            on:click=open_details(selected, item.resource, &item.key)
        >
            <span class="kind">{item.kind}</span>
            <span class="name" title=item.name.clone()>{item.name.clone()}</span>
            <span class="meta">{item.detail.clone()}</span>
            {(!item.status.is_empty()).then(|| view! { <span class=format!("claim-chip {}", item.tone)>{item.status.clone()}</span> })}
        </button>
    }
}

/// The "config and storage" row: ConfigMaps, Secrets, PVCs and PVs of the namespace shown.
#[component]
pub fn ConfigRow(model: Memo<ClusterModel>, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    view! {
        <Show when=move || model.with(|m| !m.workloads.config.is_empty())>
            <h3>"Config and storage"</h3>
            <div class="services config-row" data-testid="config-row">
                <For each=move || model.with(|m| m.workloads.config.clone()) key=|c| c.clone() let:item>
                    <ConfigBox item selected />
                </For>
            </div>
        </Show>
    }
}
