//! What a database server finds in its data directory when it starts: postgres initialises an
//! empty one (and marks it with `PG_VERSION`), skips initialisation when data is already there
//! (then no password is needed), and from postgres 18 on refuses a volume mounted at the old
//! `/var/lib/postgresql/data`.

use super::{logs, postgres_data_dir, storage, Database};
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::{Pod, Time};
use crate::cluster::process::ProcessPlan;
use crate::cluster::Cluster;

/// Adjusts the planned start of a database container to its data directory; other containers'
/// plans are returned unchanged.
pub fn on_start(cluster: &mut Cluster, pod: &Pod, container: &Container, env: &[(String, String)], started: Time, mut plan: ProcessPlan) -> ProcessPlan {
    if !container.command.is_empty() || super::Database::of_image(&container.image) != Some(Database::Postgres) {
        return plan;
    }
    let data_dir = postgres_data_dir(&container.image, env);
    let pgdata_set = env.iter().any(|(k, _)| k == "PGDATA");
    let old_mount = container.volume_mounts.iter().any(|m| m.mount_path.trim_end_matches('/') == "/var/lib/postgresql/data");
    if data_dir.starts_with("/var/lib/postgresql/18") && !pgdata_set && old_mount {
        plan.start_logs = logs::postgres_18_old_mount();
        plan.exit = Some((300, 1));
        return plan;
    }
    let marker = format!("{data_dir}/PG_VERSION");
    if storage::read(cluster, pod, container, &marker).is_some() {
        plan.start_logs = logs::postgres_existing(started);
        plan.exit = None;
        return plan;
    }
    if plan.exit.is_none() {
        let major = if data_dir.starts_with("/var/lib/postgresql/18") { "18" } else { "17" };
        storage::write(cluster, pod, container, &marker, &format!("{major}\n"));
    }
    plan
}
