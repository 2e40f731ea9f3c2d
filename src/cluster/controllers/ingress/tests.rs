use super::*;
use crate::cluster::objects::ingress::{HttpIngressPath, HttpIngressRuleValue, IngressBackend, IngressRule, IngressServiceBackend, ServiceBackendPort};
use crate::cluster::objects::{Namespace, ObjectMeta};

/// The tutorial's Ingress with the given path type, in namespace `test`.
pub fn tutorial_ingress(path_type: &str) -> Ingress {
    let annotations = [
        ("kubernetes.io/ingress.class", "nginx"),
        ("nginx.ingress.kubernetes.io/use-regex", "true"),
        ("nginx.ingress.kubernetes.io/rewrite-target", "/$2"),
        ("nginx.ingress.kubernetes.io/x-forwarded-prefix", "/rickroller"),
    ];
    Ingress {
        metadata: ObjectMeta {
            name: "rickroller".into(),
            namespace: "test".into(),
            annotations: annotations.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            ..Default::default()
        },
        spec: crate::cluster::objects::ingress::IngressSpec {
            rules: vec![IngressRule {
                host: String::new(),
                http: Some(HttpIngressRuleValue {
                    paths: vec![HttpIngressPath {
                        path: "/rickroller(/|$)(.*)".into(),
                        path_type: path_type.into(),
                        backend: IngressBackend {
                            service: Some(IngressServiceBackend {
                                name: "rickroller".into(),
                                port: ServiceBackendPort { number: Some(80), ..Default::default() },
                            }),
                            ..Default::default()
                        },
                    }],
                }),
            }],
            ..Default::default()
        },
        ..Default::default()
    }
}

fn cluster_with_test_namespace() -> Cluster {
    let mut cluster = Cluster::new(1);
    let ns = Namespace { metadata: ObjectMeta { name: "test".into(), ..Default::default() }, ..Default::default() };
    assert!(cluster.create(Object::Namespace(ns)).is_ok());
    cluster
}

fn stored(cluster: &Cluster) -> Ingress {
    match cluster.get(Kind::Ingress, "test", "rickroller") {
        Some(Object::Ingress(i)) => i.clone(),
        other => panic!("no ingress: {other:?}"),
    }
}

#[test]
fn the_webhook_denies_a_regex_path_with_path_type_prefix_and_warns() {
    let mut cluster = cluster_with_test_namespace();
    let result = cluster.create(Object::Ingress(tutorial_ingress("Prefix")));
    let error = result.err().map(|e| e.render(Some("error when creating \"kube/ingress.yaml\"")));
    assert_eq!(
        error.as_deref(),
        Some("Error from server (BadRequest): error when creating \"kube/ingress.yaml\": admission webhook \"validate.nginx.ingress.kubernetes.io\" denied the request: ingress contains invalid paths: path /rickroller(/|$)(.*) cannot be used with pathType Prefix")
    );
    assert_eq!(
        cluster.take_warnings(),
        vec![
            "annotation \"kubernetes.io/ingress.class\" is deprecated, please use 'spec.ingressClassName' instead".to_string(),
            "path /rickroller(/|$)(.*) cannot be used with pathType Prefix".to_string(),
        ]
    );
    assert!(cluster.get(Kind::Ingress, "test", "rickroller").is_none());
}

#[test]
fn the_controller_publishes_its_load_balancer_ip_after_a_few_seconds() {
    let mut cluster = cluster_with_test_namespace();
    assert!(cluster.create(Object::Ingress(tutorial_ingress("ImplementationSpecific"))).is_ok());
    assert_eq!(cluster.take_warnings().len(), 1);
    cluster.settle();
    assert!(stored(&cluster).status.load_balancer.ingress.is_empty());
    cluster.advance_by(STATUS_DELAY_MS);
    let ip = controller_address(&cluster);
    assert!(ip.as_deref().is_some_and(|ip| ip.starts_with("194.182.")), "{ip:?}");
    assert_eq!(stored(&cluster).addresses(), ip.into_iter().collect::<Vec<_>>());
    let events = cluster.events_about(&stored(&cluster).metadata.uid);
    let summary: Vec<(String, String, i64)> = events.iter().map(|e| (e.reason.clone(), e.message.clone(), e.count)).collect();
    assert_eq!(summary, vec![("Sync".to_string(), "Scheduled for sync".to_string(), 2)]);
}

#[test]
fn ingresses_of_other_classes_or_none_are_left_alone() {
    let mut cluster = cluster_with_test_namespace();
    let mut other = tutorial_ingress("ImplementationSpecific");
    other.metadata.annotations.insert(INGRESS_CLASS_ANNOTATION.into(), "traefik".into());
    if let Some(http) = other.spec.rules[0].http.as_mut() {
        http.paths[0].path_type = "Prefix".to_string();
    }
    assert!(cluster.create(Object::Ingress(other)).is_ok(), "another class's ingress is not denied");
    let mut none = tutorial_ingress("ImplementationSpecific");
    none.metadata.name = "classless".into();
    none.metadata.annotations.remove(INGRESS_CLASS_ANNOTATION);
    assert!(cluster.create(Object::Ingress(none)).is_ok());
    cluster.advance_by(60_000);
    assert!(stored(&cluster).addresses().is_empty());
    assert!(cluster.events_about(&stored(&cluster).metadata.uid).is_empty());
}

#[test]
fn ingress_class_name_selects_the_controller() {
    let mut cluster = cluster_with_test_namespace();
    let mut ing = tutorial_ingress("ImplementationSpecific");
    ing.metadata.annotations.remove(INGRESS_CLASS_ANNOTATION);
    ing.spec.ingress_class_name = Some("nginx".into());
    assert!(cluster.create(Object::Ingress(ing)).is_ok());
    assert!(cluster.take_warnings().is_empty());
    cluster.advance_by(STATUS_DELAY_MS);
    assert_eq!(stored(&cluster).addresses().len(), 1);
}
