//! `kubectl rollout status|restart` for StatefulSets: the StatefulSet status viewer's messages
//! and the restartedAt stamp that rolls every pod, highest ordinal first.

use crate::cluster::objects::{Kind, Object, StatefulSet, Time};
use crate::cluster::store::{EventType, ObjectKey};
use crate::job::{Exec, Job};
use crate::kubectl::args::Parsed;
use crate::kubectl::targets::parse_targets_for;
use crate::kubectl::wait::duration_flag;
use crate::kubectl::{Ctx, KubectlError};
use crate::output::Output;
use crate::world::World;

/// The StatefulSets named by `resources`, or `None` when they name no StatefulSet (the
/// Deployment code handles them then).
fn named_sets(ctx: &Ctx, resources: &[String]) -> Result<Option<Vec<StatefulSet>>, KubectlError> {
    let Ok(targets) = parse_targets_for("rollout", resources) else { return Ok(None) };
    if targets.is_empty() || targets.iter().any(|t| t.kind != Kind::StatefulSet) {
        return Ok(None);
    }
    let mut found = Vec::new();
    for target in targets {
        match &target.name {
            Some(name) => {
                if let Object::StatefulSet(s) = ctx.world.cluster.read(Kind::StatefulSet, &ctx.namespace, name)? {
                    found.push(s);
                }
            }
            None => found.extend(ctx.world.cluster.list(Kind::StatefulSet, Some(&ctx.namespace)).into_iter().filter_map(|o| match o {
                Object::StatefulSet(s) => Some(s),
                _ => None,
            })),
        }
    }
    Ok(Some(found))
}

/// What the status viewer says about a StatefulSet: a line and whether the rollout is done.
pub fn statefulset_status(sts: &StatefulSet) -> Result<(String, bool), String> {
    if sts.spec.update_strategy.type_ != "RollingUpdate" {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    let status = &sts.status;
    let observed = status.observed_generation.unwrap_or(0);
    if observed == 0 || sts.metadata.generation > observed {
        return Ok(("Waiting for statefulset spec update to be observed...\n".into(), false));
    }
    let replicas = sts.spec.replicas.unwrap_or(1);
    let ready = status.ready_replicas.unwrap_or(0);
    if ready < replicas {
        return Ok((format!("Waiting for {} pods to be ready...\n", replicas - ready), false));
    }
    let updated = status.updated_replicas.unwrap_or(0);
    if let Some(partition) = sts.spec.update_strategy.rolling_update.as_ref().and_then(|r| r.partition) {
        if updated < replicas - partition {
            let line = format!("Waiting for partitioned roll out to finish: {updated} out of {} new pods have been updated...\n", replicas - partition);
            return Ok((line, false));
        }
        return Ok((format!("partitioned roll out complete: {updated} new pods have been updated...\n"), true));
    }
    if status.update_revision != status.current_revision {
        let line = format!("waiting for statefulset rolling update to complete {updated} pods at revision {}...\n", status.update_revision);
        return Ok((line, false));
    }
    let line = format!("statefulset rolling update complete {} pods at revision {}...\n", status.current_replicas.unwrap_or(0), status.current_revision);
    Ok((line, true))
}

/// `rollout status statefulset/x`; `None` when the resources are not StatefulSets.
pub fn status(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets(ctx, resources)? else { return Ok(None) };
    let timeout_ms = duration_flag(args, "timeout", "rollout status")?;
    if sets.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
        return Ok(Some(Exec::Done(0)));
    }
    let mut job = StatusJob {
        queue: sets.into_iter().map(|s| (s.metadata.namespace.clone(), s.metadata.name.clone())).collect(),
        cursor: 0,
        started: false,
        watch: args.bool_or("watch", true),
        timeout_ms: timeout_ms.filter(|t| *t > 0),
        deadline: None,
    };
    Ok(Some(match job.poll(ctx.world, ctx.out) {
        Some(code) => Exec::Done(code),
        None => Exec::Job(Box::new(job)),
    }))
}

/// `rollout restart statefulset/x`; `None` when the resources are not StatefulSets.
pub fn restart(ctx: &mut Ctx, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets(ctx, resources)? else { return Ok(None) };
    if sets.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
    }
    for mut sts in sets {
        let name = sts.metadata.name.clone();
        let now = ctx.world.cluster.now().rfc3339();
        sts.spec.template.metadata.annotations.insert("kubectl.kubernetes.io/restartedAt".into(), now);
        ctx.world.cluster.update(Object::StatefulSet(sts))?;
        ctx.out.outln(format!("statefulset.apps/{name} restarted"));
    }
    Ok(Some(Exec::Done(0)))
}

/// Watches one StatefulSet after another, printing the viewer's line on every change.
struct StatusJob {
    queue: Vec<(String, String)>,
    cursor: usize,
    started: bool,
    watch: bool,
    timeout_ms: Option<i64>,
    deadline: Option<Time>,
}

enum Step {
    Waiting,
    Done,
    Failed(String),
}

impl StatusJob {
    fn show(&self, sts: &StatefulSet, out: &mut Output) -> Step {
        match statefulset_status(sts) {
            Err(e) => Step::Failed(e),
            Ok((line, done)) => {
                out.out(line);
                if done || !self.watch { Step::Done } else { Step::Waiting }
            }
        }
    }

    fn step(&mut self, world: &World, out: &mut Output) -> Option<Result<(), String>> {
        let (namespace, name) = self.queue.first()?.clone();
        let outcome = if !self.started {
            self.started = true;
            self.cursor = world.cluster.store.watch_cursor();
            self.deadline = self.timeout_ms.map(|t| world.cluster.now().plus_ms(t));
            match world.cluster.get(Kind::StatefulSet, &namespace, &name) {
                Some(Object::StatefulSet(s)) => self.show(s, out),
                _ => Step::Failed("object has been deleted".into()),
            }
        } else {
            let key = ObjectKey::new(Kind::StatefulSet, &namespace, &name);
            let (events, next) = world.cluster.store.events_since(self.cursor);
            let mut step = Step::Waiting;
            for event in events.iter().filter(|e| ObjectKey::of(&e.object) == key) {
                step = match (&event.type_, &event.object) {
                    (EventType::Deleted, _) => Step::Failed("object has been deleted".into()),
                    (_, Object::StatefulSet(s)) => self.show(s, out),
                    _ => Step::Waiting,
                };
                if !matches!(step, Step::Waiting) {
                    break;
                }
            }
            self.cursor = next;
            if matches!(step, Step::Waiting) && self.deadline.is_some_and(|d| world.cluster.now() >= d) {
                step = Step::Failed("timed out waiting for the condition".into());
            }
            step
        };
        match outcome {
            Step::Waiting => None,
            Step::Done => {
                self.queue.remove(0);
                self.started = false;
                if self.queue.is_empty() { Some(Ok(())) } else { self.step(world, out) }
            }
            Step::Failed(e) => Some(Err(e)),
        }
    }
}

impl Job for StatusJob {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        match self.step(world, out)? {
            Ok(()) => Some(0),
            Err(e) => {
                out.errln(format!("error: {e}"));
                Some(1)
            }
        }
    }

    fn deadline(&self) -> Option<Time> {
        self.deadline
    }
}
