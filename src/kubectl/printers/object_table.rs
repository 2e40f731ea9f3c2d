//! `kubectl get` tables of objects: the per-kind columns decorated client-side with the
//! NAMESPACE column (`-A`), the kind prefix (several types), `-L` columns and `--show-labels`.

use super::columns::{cells, headers, name_column};
use super::table::TableWriter;
use crate::cluster::objects::meta::labels_string;
use crate::cluster::objects::{Kind, Object, Time};

/// How `kubectl get` decorates its tables.
#[derive(Clone, Debug, Default)]
pub struct TableOptions {
    /// `-o wide`.
    pub wide: bool,
    /// Prefix names with `pod/`, `deployment.apps/` (several types requested, or `get all`).
    pub with_kind: bool,
    /// `-A`: a NAMESPACE column first (namespaced kinds only).
    pub with_namespace: bool,
    /// `--show-labels`: a final LABELS column.
    pub show_labels: bool,
    /// `-L key`: one column per key, named after the key's last segment.
    pub label_columns: Vec<String>,
    /// `--no-headers`.
    pub no_headers: bool,
}

/// The header row of a kind's table.
pub fn header_row(kind: Kind, options: &TableOptions) -> Vec<String> {
    let mut row: Vec<String> = Vec::new();
    if options.with_namespace && kind.namespaced() {
        row.push("NAMESPACE".into());
    }
    row.extend(headers(kind, options.wide).into_iter().map(str::to_string));
    for key in &options.label_columns {
        row.push(key.rsplit('/').next().unwrap_or(key).to_ascii_uppercase());
    }
    if options.show_labels {
        row.push("LABELS".into());
    }
    row
}

/// One object's row, decorated as the header says.
pub fn object_row(object: &Object, now: Time, options: &TableOptions) -> Vec<String> {
    let kind = object.kind();
    let meta = object.meta();
    let mut row: Vec<String> = Vec::new();
    if options.with_namespace && kind.namespaced() {
        row.push(meta.namespace.clone());
    }
    let mut own = cells(object, now, options.wide);
    if options.with_kind {
        if let Some(cell) = name_column(kind, options.wide).and_then(|i| own.get_mut(i)) {
            *cell = format!("{}/{}", kind.name_prefix(), cell);
        }
    }
    row.append(&mut own);
    for key in &options.label_columns {
        row.push(meta.labels.get(key).cloned().unwrap_or_default());
    }
    if options.show_labels {
        row.push(labels_string(&meta.labels));
    }
    row
}

/// The table of one kind's objects: header and rows, or nothing when there are no objects.
pub fn render_group(kind: Kind, objects: &[Object], now: Time, options: &TableOptions) -> String {
    if objects.is_empty() {
        return String::new();
    }
    let mut rows = Vec::with_capacity(objects.len() + 1);
    if !options.no_headers {
        rows.push(header_row(kind, options));
    }
    rows.extend(objects.iter().map(|o| object_row(o, now, options)));
    TableWriter::kubectl().render(&rows)
}

/// Several kinds' tables, each with fresh widths, one blank line between non-empty groups.
pub fn render_groups(groups: &[(Kind, Vec<Object>)], now: Time, options: &TableOptions) -> String {
    groups
        .iter()
        .map(|(kind, objects)| render_group(*kind, objects, now, options))
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::objects::pod::{
        Container, ContainerState, ContainerStatus, PodStatus, StateRunning, StateTerminated, StateWaiting,
    };
    use crate::cluster::objects::{ObjectMeta, Pod, PodSpec};

    const T0: Time = Time(1_759_741_200_000);

    fn pod(name: &str, age_s: i64, statuses: Vec<ContainerStatus>, phase: &str) -> Object {
        let containers = statuses.iter().map(|s| Container { name: s.name.clone(), image: "nginx".into(), ..Default::default() }).collect();
        Object::Pod(Pod {
            metadata: ObjectMeta {
                name: name.into(),
                namespace: "default".into(),
                creation_timestamp: Some(T0.plus_ms(-age_s * 1000)),
                ..Default::default()
            },
            spec: PodSpec { containers, node_name: "node-1".into(), ..Default::default() },
            status: PodStatus { phase: phase.into(), container_statuses: statuses, ..Default::default() },
            ..Default::default()
        })
    }

    fn waiting(name: &str, reason: &str, restarts: i64, finished_ago_s: Option<i64>) -> ContainerStatus {
        let mut last_state = ContainerState::default();
        if let Some(ago) = finished_ago_s {
            last_state.terminated = Some(StateTerminated { exit_code: 1, reason: "Error".into(), finished_at: Some(T0.plus_ms(-ago * 1000)), ..Default::default() });
        }
        ContainerStatus {
            name: name.into(),
            image: "nginx".into(),
            restart_count: restarts,
            last_state,
            state: ContainerState { waiting: Some(StateWaiting { reason: reason.into(), ..Default::default() }), ..Default::default() },
            ..Default::default()
        }
    }

    fn running(name: &str) -> ContainerStatus {
        ContainerStatus {
            name: name.into(),
            image: "nginx".into(),
            ready: true,
            state: ContainerState { running: Some(StateRunning { started_at: Some(T0) }), ..Default::default() },
            ..Default::default()
        }
    }

    #[test]
    fn pod_table_shows_every_status() {
        let mut terminating = pod("web-old", 600, vec![running("web")], "Running");
        terminating.meta_mut().deletion_timestamp = Some(T0.plus_ms(30_000));
        let pods = vec![
            pod("creating", 3, vec![waiting("app", "ContainerCreating", 0, None)], "Pending"),
            pod("rickroller", 25, vec![running("app")], "Running"),
            pod("sidecar-demo", 185, vec![waiting("sh", "CrashLoopBackOff", 3, Some(25)), running("rickroller")], "Running"),
            terminating,
        ];
        let text = render_group(Kind::Pod, &pods, T0, &TableOptions::default());
        let expected = "\
NAME           READY   STATUS              RESTARTS      AGE
creating       0/1     ContainerCreating   0             3s
rickroller     1/1     Running             0             25s
sidecar-demo   1/2     CrashLoopBackOff    3 (25s ago)   3m5s
web-old        1/1     Terminating         0             10m
";
        assert_eq!(text, expected);
    }

    #[test]
    fn wide_all_namespaces_kind_prefix_and_labels() {
        let mut p = pod("rickroller", 25, vec![running("app")], "Running");
        p.meta_mut().labels.insert("run".into(), "rickroller".into());
        let options = TableOptions { wide: true, with_kind: true, with_namespace: true, show_labels: true, ..Default::default() };
        let text = render_group(Kind::Pod, &[p], T0, &options);
        let expected = "\
NAMESPACE   NAME             READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES   LABELS
default     pod/rickroller   1/1     Running   0          25s   <none>   node-1   <none>           <none>            run=rickroller
";
        assert_eq!(text, expected);
    }

    #[test]
    fn completed_and_init_statuses() {
        let mut done = running("job");
        done.ready = false;
        done.state = ContainerState { terminated: Some(StateTerminated { exit_code: 0, reason: "Completed".into(), ..Default::default() }), ..Default::default() };
        let completed = pod("once", 5, vec![done], "Succeeded");
        let mut init = pod("init", 5, vec![waiting("app", "PodInitializing", 0, None)], "Pending");
        if let Object::Pod(p) = &mut init {
            p.spec.init_containers.push(Container { name: "setup".into(), ..Default::default() });
            p.status.init_container_statuses.push(running("setup"));
        }
        let text = render_group(Kind::Pod, &[completed, init], T0, &TableOptions::default());
        assert_eq!(text, "NAME   READY   STATUS      RESTARTS   AGE\nonce   0/1     Completed   0          5s\ninit   0/1     Init:0/1    0          5s\n");
    }
}
