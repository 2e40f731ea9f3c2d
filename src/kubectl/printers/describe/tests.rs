//! `kubectl describe` output on objects the real controllers produced.

use crate::kubectl::rollout::fixtures::{deployment, run, template, world};

#[test]
fn describe_deployment_has_the_real_layout() {
    let mut w = world();
    deployment(&mut w, template(false), 3);
    w.cluster.advance_by(60_000);
    let (out, err, code) = run(&mut w, "describe deploy rickroller");
    assert_eq!((err.as_str(), code), ("", Some(0)));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Name:                   rickroller");
    assert_eq!(lines[1], "Namespace:              default");
    assert_eq!(lines[2], "CreationTimestamp:      Mon, 06 Oct 2025 09:00:00 +0000");
    assert!(out.contains("\nReplicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n"), "{out}");
    assert!(out.contains("\nStrategyType:           RollingUpdate\nMinReadySeconds:        0\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\nPod Template:\n  Labels:  app=rickroller\n  Containers:\n   rickroller:\n    Image:         derlin/rickroller:latest\n    Port:          8080/TCP\n    Host Port:     0/TCP\n    Environment:   <none>\n    Mounts:        <none>\n  Volumes:         <none>\n  Node-Selectors:  <none>\n  Tolerations:     <none>\n"), "{out}");
    assert!(out.contains("\nOldReplicaSets:  <none>\nNewReplicaSet:   rickroller-"), "{out}");
    assert!(out.contains(" (3/3 replicas created)\nEvents:\n  Type    Reason             Age   From                   Message\n  ----    ------             ----  ----                   -------\n  Normal  ScalingReplicaSet  60s   deployment-controller  Scaled up replica set rickroller-"), "{out}");
}

#[test]
fn describe_pod_and_missing_objects() {
    let mut w = world();
    deployment(&mut w, template(false), 1);
    w.cluster.advance_by(30_000);
    let (out, err, code) = run(&mut w, "describe pods");
    assert_eq!((err.as_str(), code), ("", Some(0)), "{out}");
    assert!(out.starts_with("Name:             rickroller-"), "{out}");
    assert!(out.contains("\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             "), "{out}");
    assert!(out.contains("\nStatus:           Running\n"), "{out}");
    assert!(out.contains("\nIPs:\n  IP:           10.244."), "{out}");
    assert!(out.contains("\nControlled By:  ReplicaSet/rickroller-"), "{out}");
    assert!(out.contains("\n    State:          Running\n      Started:      Mon, 06 Oct 2025 09:00:"), "{out}");
    assert!(out.contains("\nConditions:\n  Type                        Status\n"), "{out}");
    assert!(out.contains("\nQoS Class:                   BestEffort\n"), "{out}");
    assert!(out.contains("\nEvents:\n  Type    Reason     Age   From               Message\n  ----    ------     ----  ----               -------\n  Normal  Scheduled  30s   default-scheduler  Successfully assigned default/rickroller-"), "{out}");
    let (_, err, code) = run(&mut w, "describe pod nope");
    assert_eq!((err.as_str(), code), ("Error from server (NotFound): pods \"nope\" not found\n", Some(1)));
    let (out, _, _) = run(&mut w, "describe pod rickroller");
    assert!(out.starts_with("Name:             rickroller-") && out.ends_with("\n\n"), "prefix match: {out}");
    let (_, err, _) = run(&mut w, "describe pods -n test");
    assert_eq!(err, "No resources found in test namespace.\n");
}

#[test]
fn describe_replicaset_node_and_namespace() {
    let mut w = world();
    deployment(&mut w, template(false), 2);
    w.cluster.advance_by(30_000);
    let (out, _, _) = run(&mut w, "describe rs");
    assert!(out.contains("\nReplicas:       2 current / 2 desired\nPods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"), "{out}");
    assert!(out.contains("\nControlled By:  Deployment/rickroller\n"), "{out}");
    let (out, _, _) = run(&mut w, "describe ns default");
    assert!(out.ends_with("Annotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n"), "{out}");
    let (out, err, code) = run(&mut w, "describe nodes");
    assert_eq!((err.as_str(), code), ("", Some(0)));
    assert!(out.contains("\nNon-terminated Pods:"), "{out}");
}
