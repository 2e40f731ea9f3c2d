//! `kubectl create job` and `kubectl create cronjob`: Jobs from an image (and command) or from
//! a CronJob's template, CronJobs from an image and a schedule.

use super::args::Parsed;
use super::create_generators::{exactly_one_name, finish, server_message};
use super::{Ctx, KubectlError};
use crate::cluster::api_error::ApiError;
use crate::cluster::objects::batch::{CronJobSpec, JobSpec, JobTemplateSpec};
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::{CronJob, Job, Kind, Object, ObjectMeta, OwnerReference, PodSpec, PodTemplateSpec};
use crate::job::Exec;

/// Help text for `kubectl create job --help` (kubectl's own).
pub const JOB_HELP: &str = include_str!("create_batch/job_help.txt");
/// Help text for `kubectl create cronjob --help` (kubectl's own).
pub const CRONJOB_HELP: &str = include_str!("create_batch/cronjob_help.txt");

fn namespace_of(ctx: &Ctx) -> String {
    if ctx.namespace_given { ctx.namespace.clone() } else { String::new() }
}

fn template(name: &str, image: &str, command: Vec<String>, restart: &str) -> PodTemplateSpec {
    PodTemplateSpec {
        metadata: ObjectMeta::default(),
        spec: PodSpec {
            containers: vec![Container { name: name.into(), image: image.into(), command, resources: Some(Default::default()), ..Default::default() }],
            restart_policy: restart.into(),
            ..Default::default()
        },
    }
}

/// `kubectl create job NAME --image=I [-- cmd...]` or `kubectl create job NAME --from=cronjob/X`.
pub fn job(ctx: &mut Ctx, args: &Parsed, names: &[String]) -> Result<Exec, KubectlError> {
    if args.bool("help") {
        ctx.out.out(JOB_HELP);
        return Ok(Exec::Done(0));
    }
    let name = exactly_one_name(names, "create job")?;
    let image = args.get("image").unwrap_or_default().to_string();
    let from = args.get("from").unwrap_or_default().to_string();
    let command = args.after_dash.clone().unwrap_or_default();
    if image.is_empty() && from.is_empty() {
        return Err(KubectlError::msg("either --image or --from must be specified"));
    }
    if !command.is_empty() && !from.is_empty() {
        return Err(KubectlError::msg("cannot specify --from and command"));
    }
    let object = if from.is_empty() {
        Job {
            metadata: ObjectMeta { name: name.clone(), namespace: namespace_of(ctx), ..Default::default() },
            spec: JobSpec { template: template(&name, &image, command, "Never"), ..Default::default() },
            ..Default::default()
        }
    } else {
        job_from_cron_job(ctx, &name, &from)?
    };
    finish(ctx, args, Object::Job(object), |e| KubectlError::msg(format!("failed to create job: {}", server_message(&e))))
}

/// The Job `--from=cronjob/X` makes: the CronJob's job template, marked as started by hand.
fn job_from_cron_job(ctx: &mut Ctx, name: &str, from: &str) -> Result<Job, KubectlError> {
    let (resource, source) = from.split_once('/').unwrap_or((from, ""));
    if Kind::from_resource_name(resource) != Some(Kind::CronJob) {
        return Err(KubectlError::msg(format!("from must be an existing cronjob: {from}")));
    }
    let Some(Object::CronJob(cj)) = ctx.world.cluster.get(Kind::CronJob, &ctx.namespace, source).cloned() else {
        return Err(KubectlError::from(ApiError::not_found("cronjobs.batch", source)));
    };
    let template = cj.spec.job_template;
    let mut annotations = template.metadata.annotations.clone();
    annotations.insert("cronjob.kubernetes.io/instantiate".into(), "manual".into());
    Ok(Job {
        metadata: ObjectMeta {
            name: name.into(),
            namespace: namespace_of(ctx),
            labels: template.metadata.labels,
            annotations,
            owner_references: vec![OwnerReference {
                api_version: "batch/v1".into(),
                kind: "CronJob".into(),
                name: cj.metadata.name,
                uid: cj.metadata.uid,
                controller: Some(true),
                block_owner_deletion: None,
            }],
            ..Default::default()
        },
        spec: template.spec,
        ..Default::default()
    })
}

/// `kubectl create cronjob NAME --image=I --schedule=S [--restart=R] [-- cmd...]`.
pub fn cronjob(ctx: &mut Ctx, args: &Parsed, names: &[String]) -> Result<Exec, KubectlError> {
    if args.bool("help") {
        ctx.out.out(CRONJOB_HELP);
        return Ok(Exec::Done(0));
    }
    let image = args.get("image").unwrap_or_default().to_string();
    let schedule = args.get("schedule").unwrap_or_default().to_string();
    let missing: Vec<&str> = [("image", &image), ("schedule", &schedule)].into_iter().filter(|(_, v)| v.is_empty()).map(|(n, _)| n).collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ");
        return Err(KubectlError::msg(format!("required flag(s) {list} not set")));
    }
    let name = exactly_one_name(names, "create cronjob")?;
    let restart = args.get("restart").unwrap_or("OnFailure").to_string();
    if restart != "OnFailure" && restart != "Never" {
        return Err(KubectlError::msg(format!("invalid restart policy: {restart}")));
    }
    let command = args.after_dash.clone().unwrap_or_default();
    let object = CronJob {
        metadata: ObjectMeta { name: name.clone(), namespace: namespace_of(ctx), ..Default::default() },
        spec: CronJobSpec {
            schedule,
            job_template: JobTemplateSpec {
                metadata: ObjectMeta { name: name.clone(), ..Default::default() },
                spec: JobSpec { template: template(&name, &image, command, &restart), ..Default::default() },
            },
            ..Default::default()
        },
        ..Default::default()
    };
    finish(ctx, args, Object::CronJob(object), |e| KubectlError::msg(format!("failed to create cronjob: {}", server_message(&e))))
}

#[cfg(test)]
mod tests {
    use super::super::mutation::testing::{kubectl, kubectl_args};
    use crate::cluster::objects::{Kind, Object};
    use crate::world::World;

    #[test]
    fn job_dry_run_matches_kubectl_1_34() {
        let mut world = World::new(1);
        let ran = kubectl_args(&mut world, &["create", "job", "x", "--image=busybox", "--dry-run=client", "-o", "yaml", "--", "echo", "hi"], "");
        let expected = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  template:\n    metadata: {}\n    spec:\n      containers:\n      - command:\n        - echo\n        - hi\n        image: busybox\n        name: x\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n";
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), (expected, ""));
    }

    #[test]
    fn cronjob_dry_run_matches_kubectl_1_34() {
        let mut world = World::new(1);
        let ran = kubectl_args(&mut world, &["create", "cronjob", "c", "--image=busybox", "--schedule=*/1 * * * *", "--dry-run=client", "-o", "yaml", "--", "echo", "hi"], "");
        let expected = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    metadata:\n      name: c\n    spec:\n      template:\n        metadata: {}\n        spec:\n          containers:\n          - command:\n            - echo\n            - hi\n            image: busybox\n            name: c\n            resources: {}\n          restartPolicy: OnFailure\n  schedule: '*/1 * * * *'\nstatus: {}\n";
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), (expected, ""));
    }

    #[test]
    fn flag_errors_are_worded_like_kubectl() {
        let mut world = World::new(1);
        assert_eq!(kubectl(&mut world, "create job x").stderr, "error: either --image or --from must be specified\n");
        assert_eq!(kubectl(&mut world, "create cronjob c").stderr, "error: required flag(s) \"image\", \"schedule\" not set\n");
        assert_eq!(kubectl(&mut world, "create job x --from=cronjob/nope").stderr, "Error from server (NotFound): cronjobs.batch \"nope\" not found\n");
        let ran = kubectl_args(&mut world, &["create", "job", "x", "--from=cronjob/c", "--", "date"], "");
        assert_eq!(ran.stderr, "error: cannot specify --from and command\n");
    }

    #[test]
    fn a_job_from_a_cron_job_is_owned_by_it_and_marked_manual() {
        let mut world = World::new(1);
        let ran = kubectl_args(&mut world, &["create", "cronjob", "c", "--image=busybox", "--schedule=@hourly", "--", "date"], "");
        assert_eq!(ran.stdout, "cronjob.batch/c created\n");
        let ran = kubectl(&mut world, "create job now --from=cronjob/c");
        assert_eq!(ran.stdout, "job.batch/now created\n");
        let Some(Object::Job(job)) = world.cluster.get(Kind::Job, "default", "now").cloned() else { panic!("job missing") };
        assert_eq!(job.metadata.annotations.get("cronjob.kubernetes.io/instantiate").map(String::as_str), Some("manual"));
        assert_eq!(job.metadata.owner_references[0].kind, "CronJob");
        assert_eq!(job.spec.template.spec.containers[0].command, vec!["date".to_string()]);
    }
}
