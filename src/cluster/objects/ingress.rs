//! Ingresses and IngressClasses (`networking.k8s.io/v1`): HTTP routing rules from outside the
//! cluster to Services, and the classes that say which controller serves which Ingress.

use super::meta::ObjectMeta;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The legacy annotation that picks an ingress class (deprecated in favour of
/// `spec.ingressClassName`, and still honoured by ingress-nginx).
pub const INGRESS_CLASS_ANNOTATION: &str = "kubernetes.io/ingress.class";

/// The annotation that makes an IngressClass the cluster's default.
pub const DEFAULT_CLASS_ANNOTATION: &str = "ingressclass.kubernetes.io/is-default-class";

/// An Ingress: host and path rules that an ingress controller turns into proxy configuration.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Ingress {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: IngressSpec,
    #[serde(default)]
    pub status: IngressStatus,
}

/// `spec` of an Ingress.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_backend: Option<IngressBackend>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress_class_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<IngressRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tls: Vec<IngressTls>,
}

/// One rule: an optional host and the HTTP paths served for it.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressRule {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpIngressRuleValue>,
}

/// The `http` part of a rule.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpIngressRuleValue {
    #[serde(default)]
    pub paths: Vec<HttpIngressPath>,
}

/// A path, how it matches (`Exact`, `Prefix`, `ImplementationSpecific`) and where it goes.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpIngressPath {
    #[serde(default)]
    pub backend: IngressBackend,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path_type: String,
}

/// Where matching traffic goes: a Service port (or, rarely, another resource).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressBackend {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<IngressServiceBackend>,
}

/// A Service and one of its ports, by number or by name.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressServiceBackend {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub port: ServiceBackendPort,
}

/// A Service port by `number` or by `name` (exactly one of them).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceBackendPort {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
}

/// TLS for some hosts, with the Secret holding the certificate.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressTls {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub secret_name: String,
}

/// `status` of an Ingress: the addresses the controller publishes. Always printed
/// (`status: loadBalancer: {}`), as the real API does.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressStatus {
    #[serde(default)]
    pub load_balancer: IngressLoadBalancerStatus,
}

/// The addresses an ingress controller is reachable at.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressLoadBalancerStatus {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<IngressLoadBalancerIngress>,
}

/// One address (`ip`, or `hostname` on DNS-based clouds).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressLoadBalancerIngress {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hostname: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ip: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<Value>,
}

impl Ingress {
    /// The class this Ingress asks for: `spec.ingressClassName`, else the legacy annotation.
    pub fn requested_class(&self) -> Option<&str> {
        self.spec
            .ingress_class_name
            .as_deref()
            .or_else(|| self.metadata.annotations.get(INGRESS_CLASS_ANNOTATION).map(String::as_str))
    }

    /// Every path of every rule with its rule's host, in spec order.
    pub fn paths(&self) -> impl Iterator<Item = (&str, &HttpIngressPath)> {
        self.spec.rules.iter().flat_map(|rule| {
            rule.http.iter().flat_map(move |http| http.paths.iter().map(move |p| (rule.host.as_str(), p)))
        })
    }

    /// The published addresses, sorted and without repeats, as `get` and `describe` show them.
    pub fn addresses(&self) -> Vec<String> {
        let mut list: Vec<String> = self
            .status
            .load_balancer
            .ingress
            .iter()
            .map(|i| if i.ip.is_empty() { i.hostname.clone() } else { i.ip.clone() })
            .filter(|a| !a.is_empty())
            .collect();
        list.sort();
        list.dedup();
        list
    }
}

impl IngressServiceBackend {
    /// `rickroller:80` or `rickroller:http`, as kubectl prints a service backend.
    pub fn describe(&self) -> String {
        match self.port.number {
            Some(n) if self.port.name.is_empty() => format!("{}:{n}", self.name),
            _ => format!("{}:{}", self.name, self.port.name),
        }
    }
}

/// An IngressClass: names a class and the controller that implements it.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressClass {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: IngressClassSpec,
}

/// `spec` of an IngressClass.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressClassSpec {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub controller: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
}

impl IngressClass {
    /// Whether the class is marked as the cluster's default.
    pub fn is_default(&self) -> bool {
        self.metadata.annotations.get(DEFAULT_CLASS_ANNOTATION).is_some_and(|v| v == "true")
    }
}
