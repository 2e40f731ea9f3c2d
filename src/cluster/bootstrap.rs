//! The starting cluster, as the workshop had it: two Ready worker nodes running v1.34,
//! the system namespaces, kube-system's pods (CoreDNS, kube-proxy and the CNI on each node,
//! metrics-server) and the ingress-nginx controller on each node. Everything is created a few
//! days before the learner's session starts and has settled by then.

use super::objects::cluster_kinds::{NodeAddress, NodeCondition, NodeSpec, NodeStatus, NodeSystemInfo};
use super::objects::pod::{Container, ContainerPort};
use super::objects::workload::DeploymentSpec;
use super::objects::{Deployment, LabelSelector, Namespace, Node, Object, ObjectMeta, Pod, PodSpec, PodTemplateSpec, StringMap, Time};
use super::controllers::daemonset::bootstrap::{builtin_daemon_set, settle_builtin_daemon_sets, DaemonPodTies};
use super::controllers::service::with_side_rng;
use super::objects::service::{EndpointAddress, EndpointConditions, EndpointPort, EndpointSubset, ServicePort, ServiceSpec, SliceEndpoint};
use super::objects::workload::IntOrString;
use super::objects::{EndpointSlice, Endpoints, Service};
use super::objects::ingress::{IngressClass, IngressClassSpec};
use super::{Cluster, EPOCH};

/// The Kubernetes version the simulated cluster runs.
pub const KUBERNETES_VERSION: &str = "v1.34.1";

/// Worker node names.
pub const NODE_NAMES: [&str; 2] = ["kubeplay-worker", "kubeplay-worker2"];

/// How long before the session the cluster was created.
const CLUSTER_AGE_MS: i64 = 3 * 86_400_000 + 4 * 3_600_000;

/// Creates the objects a fresh workshop cluster has and lets them settle.
pub fn populate(cluster: &mut Cluster) {
    cluster.now = Time(EPOCH.0 - CLUSTER_AGE_MS);
    for ns in ["default", "kube-node-lease", "kube-public", "kube-system", "ingress-nginx"] {
        let _ = cluster.create(Object::Namespace(Namespace { metadata: meta(ns, ""), ..Default::default() }));
    }
    for (i, name) in NODE_NAMES.iter().enumerate() {
        let _ = cluster.create(Object::Node(node(name, i + 1)));
    }
    with_side_rng(cluster, system_services);
    cluster.advance_by(20_000);
    let coredns = deployment("coredns", "kube-system", "registry.k8s.io/coredns/coredns:v1.12.1", 2, &[("k8s-app", "kube-dns")], 53);
    let _ = cluster.create(Object::Deployment(coredns));
    let linux = labels(&[("kubernetes.io/os", "linux")]);
    let proxy_labels = [("k8s-app", "kube-proxy")];
    let kindnet_labels = [("app", "kindnet"), ("k8s-app", "kindnet")];
    let proxy_image = "registry.k8s.io/kube-proxy:v1.34.1";
    let kindnet_image = "docker.io/kindest/kindnetd:v20250512-df8de77b";
    let proxy = builtin_daemon_set(cluster, "kube-proxy", "kube-system", labels(&proxy_labels), linux.clone(), container("kube-proxy", proxy_image, 0));
    let kindnet = builtin_daemon_set(cluster, "kindnet", "kube-system", labels(&kindnet_labels), StringMap::new(), container("kindnet", kindnet_image, 0));
    for name in NODE_NAMES {
        daemon_pod(cluster, "kube-proxy", "kube-system", proxy_image, name, &proxy);
        daemon_pod(cluster, "kindnet", "kube-system", kindnet_image, name, &kindnet);
    }
    cluster.advance_by(60_000);
    let metrics = deployment("metrics-server", "kube-system", "registry.k8s.io/metrics-server/metrics-server:v0.8.0", 1, &[("k8s-app", "metrics-server")], 10250);
    let _ = cluster.create(Object::Deployment(metrics));
    cluster.advance_by(3_600_000);
    with_side_rng(cluster, |cluster| {
        let _ = cluster.create(Object::IngressClass(nginx_ingress_class()));
    });
    let ingress_labels = [("app.kubernetes.io/component", "controller"), ("app.kubernetes.io/instance", "ingress-nginx"), ("app.kubernetes.io/name", "ingress-nginx")];
    let ingress_image = "registry.k8s.io/ingress-nginx/controller:v1.13.2";
    let ingress = builtin_daemon_set(cluster, "ingress-nginx-controller", "ingress-nginx", labels(&ingress_labels), linux, container("ingress-nginx", ingress_image, 0));
    for name in NODE_NAMES {
        daemon_pod(cluster, "ingress-nginx-controller", "ingress-nginx", ingress_image, name, &ingress);
    }
    // The DaemonSets' status is written just before the session starts (see daemonset::bootstrap).
    cluster.advance_to(Time(EPOCH.0 - 1));
    settle_builtin_daemon_sets(cluster);
    cluster.advance_to(EPOCH);
    add_default_storage_class(cluster);
}

/// kind's default StorageClass `standard`, there since the cluster was made. Stored without
/// touching the random streams or the revision, so the rest of the cluster is as before.
fn add_default_storage_class(cluster: &mut Cluster) {
    let mut object = Object::StorageClass(super::controllers::volume::default_storage_class());
    object.set_type_meta();
    let meta = object.meta_mut();
    meta.uid = super::names::uuid(&mut fastrand::Rng::with_seed(0x5707_a6e5));
    meta.creation_timestamp = Some(Time(EPOCH.0 - CLUSTER_AGE_MS + 15_000));
    cluster.store.insert_builtin(object);
}

fn meta(name: &str, namespace: &str) -> ObjectMeta {
    ObjectMeta { name: name.into(), namespace: namespace.into(), ..Default::default() }
}

fn labels(pairs: &[(&str, &str)]) -> StringMap {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn node(name: &str, index: usize) -> Node {
    let mut metadata = meta(name, "");
    metadata.labels = labels(&[
        ("beta.kubernetes.io/arch", "amd64"),
        ("beta.kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
        ("kubernetes.io/hostname", name),
        ("kubernetes.io/os", "linux"),
    ]);
    let ip = format!("172.18.0.{}", index + 1);
    let condition = |type_: &str, status: &str, reason: &str, message: &str| NodeCondition {
        last_heartbeat_time: Some(EPOCH),
        last_transition_time: Some(Time(EPOCH.0 - CLUSTER_AGE_MS + 15_000)),
        message: message.into(),
        reason: reason.into(),
        status: status.into(),
        type_: type_.into(),
    };
    let resources = labels(&[("cpu", "4"), ("ephemeral-storage", "102626232Ki"), ("hugepages-2Mi", "0"), ("memory", "8141476Ki"), ("pods", "110")]);
    Node {
        metadata,
        spec: NodeSpec {
            pod_cidr: format!("10.244.{index}.0/24"),
            pod_cidrs: vec![format!("10.244.{index}.0/24")],
            provider_id: format!("kind://docker/kubeplay/{name}"),
            ..Default::default()
        },
        status: NodeStatus {
            addresses: vec![
                NodeAddress { address: ip, type_: "InternalIP".into() },
                NodeAddress { address: name.into(), type_: "Hostname".into() },
            ],
            allocatable: resources.clone(),
            capacity: resources,
            conditions: vec![
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
            node_info: NodeSystemInfo {
                architecture: "amd64".into(),
                boot_id: format!("5f1c2a7e-0b4d-4c1e-9a3f-2d6b8e{index:06}"),
                container_runtime_version: "containerd://2.1.3".into(),
                kernel_version: "6.8.0-64-generic".into(),
                kube_proxy_version: String::new(),
                kubelet_version: KUBERNETES_VERSION.into(),
                machine_id: format!("a3b5c7d9e1f24680a2c4e6f8{index:08}"),
                operating_system: "linux".into(),
                os_image: "Debian GNU/Linux 12 (bookworm)".into(),
                system_uuid: format!("8d2e4f60-1a3c-4b5d-8e7f-90a1b2c3{index:04}"),
            },
        },
        ..Default::default()
    }
}

fn container(name: &str, image: &str, port: i64) -> Container {
    Container {
        name: name.into(),
        image: image.into(),
        ports: if port > 0 { vec![ContainerPort { container_port: port, ..Default::default() }] } else { vec![] },
        ..Default::default()
    }
}

fn deployment(name: &str, namespace: &str, image: &str, replicas: i64, pod_labels: &[(&str, &str)], port: i64) -> Deployment {
    let mut metadata = meta(name, namespace);
    metadata.labels = labels(pod_labels);
    Deployment {
        metadata,
        spec: DeploymentSpec {
            replicas: Some(replicas),
            selector: Some(LabelSelector { match_labels: labels(pod_labels), ..Default::default() }),
            template: PodTemplateSpec {
                metadata: ObjectMeta { labels: labels(pod_labels), ..Default::default() },
                spec: PodSpec { containers: vec![container(name, image, port)], ..Default::default() },
            },
            ..Default::default()
        },
        ..Default::default()
    }
}

/// A DaemonSet's pod on one node, as its set made it when the cluster was set up.
fn daemon_pod(cluster: &mut Cluster, name: &str, namespace: &str, image: &str, node: &str, ties: &DaemonPodTies) {
    let mut metadata = ObjectMeta { generate_name: format!("{name}-"), namespace: namespace.into(), labels: ties.labels.clone(), ..Default::default() };
    metadata.owner_references.push(ties.owner.clone());
    let pod = Pod {
        metadata,
        spec: PodSpec { node_name: node.into(), containers: vec![container(name.trim_end_matches("-controller"), image, 0)], ..Default::default() },
        ..Default::default()
    };
    let _ = cluster.create(Object::Pod(pod));
}

/// Where the API server listens, as the `kubernetes` service's endpoints say.
pub const API_SERVER_IP: &str = "172.18.0.4";

/// The Services a fresh cluster has: `kubernetes` (with the API server's endpoints, kept by the
/// API server itself), `kube-dns`, `metrics-server`, and ingress-nginx's load balancer and
/// admission webhook. The endpoints controllers fill in the others' endpoints as pods start.
fn system_services(cluster: &mut Cluster) {
    let mut kubernetes = service("kubernetes", "default", &[("component", "apiserver"), ("provider", "kubernetes")], &[], "ClusterIP");
    kubernetes.spec.cluster_ip = "10.96.0.1".into();
    kubernetes.spec.ports = vec![port("https", 443, 6443, "TCP", "")];
    let _ = cluster.create(Object::Service(kubernetes));
    let https = EndpointPort { name: "https".into(), port: 6443, protocol: "TCP".into(), ..Default::default() };
    let mut ep_meta = meta("kubernetes", "default");
    ep_meta.labels = labels(&[("endpointslice.kubernetes.io/skip-mirror", "true")]);
    let _ = cluster.create(Object::Endpoints(Endpoints {
        metadata: ep_meta,
        subsets: vec![EndpointSubset {
            addresses: vec![EndpointAddress { ip: API_SERVER_IP.into(), ..Default::default() }],
            ports: vec![https.clone()],
            ..Default::default()
        }],
        ..Default::default()
    }));
    let mut slice_meta = meta("kubernetes", "default");
    slice_meta.labels = labels(&[("kubernetes.io/service-name", "kubernetes")]);
    let _ = cluster.create(Object::EndpointSlice(EndpointSlice {
        address_type: "IPv4".into(),
        metadata: slice_meta,
        endpoints: Some(vec![SliceEndpoint {
            addresses: vec![API_SERVER_IP.into()],
            conditions: EndpointConditions { ready: Some(true), ..Default::default() },
            ..Default::default()
        }]),
        ports: Some(vec![https]),
        ..Default::default()
    }));

    let dns_labels = [("k8s-app", "kube-dns"), ("kubernetes.io/cluster-service", "true"), ("kubernetes.io/name", "CoreDNS")];
    let mut dns = service("kube-dns", "kube-system", &dns_labels, &[("k8s-app", "kube-dns")], "ClusterIP");
    dns.metadata.annotations = labels(&[("prometheus.io/port", "9153"), ("prometheus.io/scrape", "true")]);
    dns.spec.cluster_ip = "10.96.0.10".into();
    dns.spec.ports = vec![port("dns", 53, 53, "UDP", ""), port("dns-tcp", 53, 53, "TCP", ""), port("metrics", 9153, 9153, "TCP", "")];
    let _ = cluster.create(Object::Service(dns));

    let metrics_labels = [("k8s-app", "metrics-server")];
    let mut metrics = service("metrics-server", "kube-system", &metrics_labels, &metrics_labels, "ClusterIP");
    metrics.spec.ports = vec![port("https", 443, 10250, "TCP", "")];
    let _ = cluster.create(Object::Service(metrics));

    let ingress_labels = [("app.kubernetes.io/component", "controller"), ("app.kubernetes.io/instance", "ingress-nginx"), ("app.kubernetes.io/name", "ingress-nginx")];
    let mut controller = service("ingress-nginx-controller", "ingress-nginx", &ingress_labels, &ingress_labels, "LoadBalancer");
    controller.spec.ports = vec![port("http", 80, 80, "TCP", "http"), port("https", 443, 443, "TCP", "https")];
    let _ = cluster.create(Object::Service(controller));
    let mut admission = service("ingress-nginx-controller-admission", "ingress-nginx", &ingress_labels, &ingress_labels, "ClusterIP");
    admission.spec.ports = vec![port("https-webhook", 443, 8443, "TCP", "")];
    let _ = cluster.create(Object::Service(admission));
}

fn service(name: &str, namespace: &str, own_labels: &[(&str, &str)], selector: &[(&str, &str)], type_: &str) -> Service {
    let mut metadata = meta(name, namespace);
    metadata.labels = labels(own_labels);
    Service {
        metadata,
        spec: ServiceSpec { selector: labels(selector), type_: type_.into(), ..Default::default() },
        ..Default::default()
    }
}

fn port(name: &str, port: i64, target: i64, protocol: &str, app_protocol: &str) -> ServicePort {
    ServicePort {
        app_protocol: app_protocol.into(),
        name: name.into(),
        port,
        protocol: protocol.into(),
        target_port: Some(IntOrString::Int(target)),
        ..Default::default()
    }
}

/// The IngressClass ingress-nginx's manifest installs: `nginx`, served by `k8s.io/ingress-nginx`,
/// not marked as the default class (as in the workshop: Ingresses name it or get no class).
fn nginx_ingress_class() -> IngressClass {
    let mut metadata = meta(super::controllers::ingress::CLASS_NAME, "");
    metadata.labels = labels(&[
        ("app.kubernetes.io/component", "controller"),
        ("app.kubernetes.io/instance", "ingress-nginx"),
        ("app.kubernetes.io/name", "ingress-nginx"),
        ("app.kubernetes.io/part-of", "ingress-nginx"),
        ("app.kubernetes.io/version", "1.13.2"),
    ]);
    IngressClass {
        metadata,
        spec: IngressClassSpec { controller: super::controllers::ingress::CONTROLLER_ID.into(), parameters: None },
        ..Default::default()
    }
}
