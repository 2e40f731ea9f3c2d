//! `kubectl rollout status`: prints the Deployment's rollout state on every change until it
//! has rolled out, the `--timeout` expires, or (with `--watch=false`) at once.

use super::resolve_deployments;
use crate::cluster::objects::{DaemonSet, Deployment, Kind, Object, StatefulSet, Time};
use crate::cluster::store::{EventType, ObjectKey};
use crate::job::{Exec, Job};
use crate::kubectl::args::Parsed;
use crate::kubectl::wait::duration_flag;
use crate::kubectl::{Ctx, KubectlError};
use crate::output::Output;
use crate::world::World;

/// What the status viewer says about a Deployment: a line to print and whether it is done.
pub fn deployment_status(d: &Deployment) -> Result<(String, bool), String> {
    let name = &d.metadata.name;
    let status = &d.status;
    if d.metadata.generation > status.observed_generation.unwrap_or(0) {
        return Ok(("Waiting for deployment spec update to be observed...\n".into(), false));
    }
    let deadline_exceeded = status
        .conditions
        .iter()
        .any(|c| c.type_ == "Progressing" && c.reason == "ProgressDeadlineExceeded");
    if deadline_exceeded {
        return Err(format!("deployment \"{name}\" exceeded its progress deadline"));
    }
    let desired = d.spec.replicas.unwrap_or(1);
    let updated = status.updated_replicas.unwrap_or(0);
    let total = status.replicas.unwrap_or(0);
    let available = status.available_replicas.unwrap_or(0);
    let line = if updated < desired {
        format!("Waiting for deployment \"{name}\" rollout to finish: {updated} out of {desired} new replicas have been updated...\n")
    } else if total > updated {
        format!("Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...\n", total - updated)
    } else if available < updated {
        format!("Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...\n")
    } else {
        return Ok((format!("deployment \"{name}\" successfully rolled out\n"), true));
    };
    Ok((line, false))
}

/// Runs `kubectl rollout status`.
pub fn run(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Exec, KubectlError> {
    let unsupported = |kind: Kind, _: &str| format!("no status viewer has been implemented for {}", kind.info().name);
    if let Some(exec) = super::revisioned::status::<DaemonSet>(ctx, args, resources)? {
        return Ok(exec);
    }
    if let Some(exec) = super::revisioned::status::<StatefulSet>(ctx, args, resources)? {
        return Ok(exec);
    }
    let timeout_ms = duration_flag(args, "timeout", "rollout status")?;
    let deployments = resolve_deployments(ctx, args, resources, &unsupported)?;
    if deployments.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
        return Ok(Exec::Done(0));
    }
    let queue = deployments.into_iter().map(|d| (d.metadata.namespace.clone(), d.metadata.name.clone())).collect();
    Ok(watch_status(ctx, args, Kind::Deployment, view_deployment, queue, timeout_ms))
}

/// A status viewer: the line to print for an object and whether its rollout is done.
pub(super) type Viewer = fn(&Object) -> Result<(String, bool), String>;

fn view_deployment(object: &Object) -> Result<(String, bool), String> {
    match object {
        Object::Deployment(d) => deployment_status(d),
        other => Err(format!("no status viewer has been implemented for {}", other.kind().info().name)),
    }
}

/// Prints the viewer's line for each object of `queue` (namespace, name) in turn, on every change,
/// until each has rolled out, one is deleted or fails, or `timeout_ms` passes.
pub(super) fn watch_status(
    ctx: &mut Ctx,
    args: &Parsed,
    kind: Kind,
    viewer: Viewer,
    queue: Vec<(String, String)>,
    timeout_ms: Option<i64>,
) -> Exec {
    let mut job = StatusJob {
        kind,
        viewer,
        queue,
        cursor: 0,
        started: false,
        watch: args.bool_or("watch", true),
        timeout_ms: timeout_ms.filter(|t| *t > 0),
        deadline: None,
    };
    match job.poll(ctx.world, ctx.out) {
        Some(code) => Exec::Done(code),
        None => Exec::Job(Box::new(job)),
    }
}

/// Watches one object after another (kubectl visits them in order).
struct StatusJob {
    kind: Kind,
    viewer: Viewer,
    queue: Vec<(String, String)>,
    cursor: usize,
    /// Whether the current Deployment's first (synthetic ADDED) state was printed.
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
    fn show(&self, object: &Object, out: &mut Output) -> Step {
        match (self.viewer)(object) {
            Err(e) => Step::Failed(e),
            Ok((line, done)) => {
                out.out(line);
                if done || !self.watch { Step::Done } else { Step::Waiting }
            }
        }
    }

    /// Looks at the head of the queue; `Some(code)` when everything is finished.
    fn step(&mut self, world: &World, out: &mut Output) -> Option<Result<(), String>> {
        let (namespace, name) = self.queue.first()?.clone();
        let outcome = if !self.started {
            self.started = true;
            self.cursor = world.cluster.store.watch_cursor();
            self.deadline = self.timeout_ms.map(|t| world.cluster.now().plus_ms(t));
            match world.cluster.get(self.kind, &namespace, &name) {
                Some(object) => self.show(object, out),
                None => Step::Failed("object has been deleted".into()),
            }
        } else {
            let key = ObjectKey::new(self.kind, &namespace, &name);
            let (events, next) = world.cluster.store.events_since(self.cursor);
            let mut step = Step::Waiting;
            for event in events.iter().filter(|e| ObjectKey::of(&e.object) == key) {
                step = match (&event.type_, &event.object) {
                    (EventType::Deleted, _) => Step::Failed("object has been deleted".into()),
                    (_, object) => self.show(object, out),
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
