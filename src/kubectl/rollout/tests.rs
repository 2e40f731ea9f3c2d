//! `kubectl rollout` as a user sees it, on hand-built Deployments and ReplicaSets.

use super::fixtures::{deployment, replica_set, run, set_status, template, world};
use crate::cluster::objects::{Kind, Object};
use crate::job::Exec;
use crate::output::Output;
use std::collections::BTreeMap;

fn deployment_template(w: &crate::world::World) -> crate::cluster::objects::PodTemplateSpec {
    match w.cluster.get(Kind::Deployment, "default", "rickroller") {
        Some(Object::Deployment(d)) => d.spec.template.clone(),
        _ => panic!("no deployment"),
    }
}

#[test]
fn history_lists_revisions_with_padding_two_and_trailing_space() {
    let mut w = world();
    let d = deployment(&mut w, template(true), 3);
    replica_set(&mut w, &d, "dd4b47459", 1, &template(false), 0);
    replica_set(&mut w, &d, "7d9f8c6b5d", 2, &template(true), 3);
    let (out, err, code) = run(&mut w, "rollout history deployment/rickroller");
    assert_eq!(err, "");
    assert_eq!(code, Some(0));
    assert_eq!(out, "deployment.apps/rickroller \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
    let (out, _, _) = run(&mut w, "rollout history deploy rickroller --revision=2");
    assert_eq!(
        out,
        "deployment.apps/rickroller with revision #2\nPod Template:\n  Labels:\tapp=rickroller\n\tpod-template-hash=7d9f8c6b5d\n  Containers:\n   rickroller:\n    Image:\tderlin/rickroller:latest\n    Port:\t8080/TCP\n    Host Port:\t0/TCP\n    Environment:\n      BEHIND_PROXY:\ttrue\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n"
    );
    let (_, err, code) = run(&mut w, "rollout history deployments/rickroller --revision=5");
    assert_eq!((err.as_str(), code), ("error: unable to find the specified revision\n", Some(1)));
}

#[test]
fn history_without_replica_sets_and_missing_deployment() {
    let mut w = world();
    deployment(&mut w, template(false), 1);
    let (out, _, _) = run(&mut w, "rollout history deployment/rickroller");
    assert_eq!(out, "deployment.apps/rickroller \nNo rollout history found.\n");
    let (_, err, code) = run(&mut w, "rollout history deployment/nope");
    assert_eq!((err.as_str(), code), ("Error from server (NotFound): deployments.apps \"nope\" not found\n", Some(1)));
    let (_, err, _) = run(&mut w, "rollout status");
    assert_eq!(err, "error: required resource not specified\n");
}

#[test]
fn undo_copies_the_previous_template_without_the_hash_label() {
    let mut w = world();
    let d = deployment(&mut w, template(true), 3);
    replica_set(&mut w, &d, "dd4b47459", 1, &template(false), 0);
    replica_set(&mut w, &d, "7d9f8c6b5d", 2, &template(true), 3);
    let (out, err, code) = run(&mut w, "rollout undo deployment/rickroller");
    assert_eq!((out.as_str(), err.as_str(), code), ("deployment.apps/rickroller rolled back\n", "", Some(0)));
    let Some(Object::ReplicaSet(old)) = w.cluster.get(Kind::ReplicaSet, "default", "rickroller-dd4b47459").cloned() else {
        panic!("no old replica set");
    };
    let mut expected = old.spec.template.clone();
    expected.metadata.labels.remove("pod-template-hash");
    assert_eq!(deployment_template(&w), expected);
    let (out, _, _) = run(&mut w, "rollout undo deployment/rickroller --to-revision=1");
    assert_eq!(out, "deployment.apps/rickroller skipped rollback (current template already matches revision 1)\n");
    let (_, err, _) = run(&mut w, "rollout undo deployment/rickroller --to-revision=7");
    assert_eq!(err, "error: unable to find specified revision 7 in history\n");
}

#[test]
fn undo_needs_history_and_an_unpaused_deployment() {
    let mut w = world();
    let d = deployment(&mut w, template(false), 1);
    replica_set(&mut w, &d, "dd4b47459", 1, &template(false), 1);
    let (_, err, _) = run(&mut w, "rollout undo deployment/rickroller");
    assert_eq!(err, "error: no rollout history found for deployment \"rickroller\"\n");
    replica_set(&mut w, &d, "7d9f8c6b5d", 2, &template(true), 0);
    assert_eq!(run(&mut w, "rollout pause deployment/rickroller").0, "deployment.apps/rickroller paused\n");
    assert_eq!(run(&mut w, "rollout pause deployment/rickroller").0, "deployment.apps/rickroller already paused\n");
    let (_, err, _) = run(&mut w, "rollout undo deployment/rickroller");
    assert_eq!(err, "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
    let (_, err, _) = run(&mut w, "rollout restart deployment/rickroller");
    assert_eq!(err, "error: deployments.apps \"rickroller\" can't restart paused deployment (run rollout resume first)\n");
    assert_eq!(run(&mut w, "rollout resume deployment/rickroller").0, "deployment.apps/rickroller resumed\n");
    assert_eq!(run(&mut w, "rollout resume deployment/rickroller").0, "deployment.apps/rickroller already resumed\n");
}

#[test]
fn restart_stamps_the_template_with_virtual_now() {
    let mut w = world();
    deployment(&mut w, template(false), 1);
    let (out, _, code) = run(&mut w, "rollout restart deployment/rickroller");
    assert_eq!((out.as_str(), code), ("deployment.apps/rickroller restarted\n", Some(0)));
    let stamp = deployment_template(&w).metadata.annotations.get("kubectl.kubernetes.io/restartedAt").cloned();
    assert_eq!(stamp, Some(w.cluster.now().rfc3339()));
}

#[test]
fn status_prints_each_change_until_rolled_out() {
    let mut w = world();
    deployment(&mut w, template(false), 3);
    set_status(&mut w, 1, 4, 3);
    let args: Vec<String> = ["rollout", "status", "deployment/rickroller"].iter().map(|s| s.to_string()).collect();
    let mut out = Output::default();
    let Exec::Job(mut job) = crate::kubectl::kubectl(&mut w, &args, "", &BTreeMap::new(), &mut out) else {
        panic!("status should wait");
    };
    set_status(&mut w, 2, 4, 3);
    assert_eq!(job.poll(&mut w, &mut out), None);
    set_status(&mut w, 3, 4, 3);
    assert_eq!(job.poll(&mut w, &mut out), None);
    set_status(&mut w, 3, 3, 2);
    set_status(&mut w, 3, 3, 3);
    assert_eq!(job.poll(&mut w, &mut out), Some(0));
    assert_eq!(
        out.stdout(),
        "Waiting for deployment \"rickroller\" rollout to finish: 1 out of 3 new replicas have been updated...\n\
         Waiting for deployment \"rickroller\" rollout to finish: 2 out of 3 new replicas have been updated...\n\
         Waiting for deployment \"rickroller\" rollout to finish: 1 old replicas are pending termination...\n\
         Waiting for deployment \"rickroller\" rollout to finish: 2 of 3 updated replicas are available...\n\
         deployment \"rickroller\" successfully rolled out\n"
    );
}

#[test]
fn status_without_watch_and_with_timeout() {
    let mut w = world();
    let mut bad = template(false);
    bad.spec.containers[0].image = "nginx:1.161".into();
    deployment(&mut w, bad, 3);
    set_status(&mut w, 1, 4, 3);
    let (out, _, code) = run(&mut w, "rollout status deploy/rickroller --watch=false");
    assert_eq!(code, Some(0));
    assert_eq!(out, "Waiting for deployment \"rickroller\" rollout to finish: 1 out of 3 new replicas have been updated...\n");
    let args: Vec<String> = ["rollout", "status", "deploy/rickroller", "--timeout=5s"].iter().map(|s| s.to_string()).collect();
    let mut out = Output::default();
    let Exec::Job(mut job) = crate::kubectl::kubectl(&mut w, &args, "", &BTreeMap::new(), &mut out) else {
        panic!("status should wait");
    };
    assert_eq!(job.deadline(), Some(w.cluster.now().plus_ms(5000)));
    w.cluster.advance_by(5000);
    assert_eq!(job.poll(&mut w, &mut out), Some(1));
    assert!(out.stderr().ends_with("error: timed out waiting for the condition\n"), "{}", out.stderr());
    let (_, err, _) = run(&mut w, "rollout status deploy/rickroller --timeout=5");
    assert_eq!(err, "error: invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\"\nSee 'kubectl rollout status --help' for usage.\n");
}

/// Runs a job to its end, letting virtual time pass a second at a time.
fn finish(w: &mut crate::world::World, line: &str) -> (String, i32) {
    let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    let mut out = Output::default();
    match crate::kubectl::kubectl(w, &args, "", &BTreeMap::new(), &mut out) {
        Exec::Done(code) => (out.combined(), code),
        Exec::Job(mut job) => {
            for _ in 0..600 {
                if let Some(code) = job.poll(w, &mut out) {
                    return (out.combined(), code);
                }
                w.cluster.advance_by(1000);
            }
            panic!("job never finished: {}", out.combined());
        }
    }
}

#[test]
fn tutorial_edit_then_undo_renumbers_revision_one_to_three() {
    let mut w = world();
    deployment(&mut w, template(false), 3);
    let (out, code) = finish(&mut w, "rollout status deployment/rickroller");
    assert_eq!(code, 0);
    assert!(out.ends_with("deployment \"rickroller\" successfully rolled out\n"), "{out}");
    let Some(Object::Deployment(mut d)) = w.cluster.get(Kind::Deployment, "default", "rickroller").cloned() else {
        panic!("no deployment");
    };
    d.spec.template = template(true);
    w.cluster.update(Object::Deployment(d)).expect("template update");
    let (out, code) = finish(&mut w, "rollout status deployment/rickroller");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("new replicas have been updated..."), "{out}");
    assert_eq!(run(&mut w, "rollout history deployment/rickroller").0, "deployment.apps/rickroller \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
    assert_eq!(run(&mut w, "rollout undo deployment/rickroller").0, "deployment.apps/rickroller rolled back\n");
    let (_, code) = finish(&mut w, "rollout status deployment/rickroller");
    assert_eq!(code, 0);
    assert_eq!(run(&mut w, "rollout history deployment/rickroller").0, "deployment.apps/rickroller \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");
    assert_eq!(deployment_template(&w).spec.containers[0].env, vec![]);
}
