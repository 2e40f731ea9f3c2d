//! Table cells of Ingresses and IngressClasses, as the API server's printers make them.

use super::age;
use crate::cluster::objects::time::Time;
use crate::cluster::objects::{Ingress, IngressClass};

/// How many hosts the HOSTS cell lists before ` + N more...`.
const MAX_HOSTS: usize = 3;
/// ADDRESS cells longer than this are cut (unless `-o wide`).
const MAX_ADDRESS_LEN: usize = 16;

/// NAME CLASS HOSTS ADDRESS PORTS AGE.
pub fn ingress_cells(ing: &Ingress, now: Time, wide: bool) -> Vec<String> {
    let class = ing.spec.ingress_class_name.clone().unwrap_or_else(|| "<none>".into());
    let hosts: Vec<&str> = ing.spec.rules.iter().map(|r| r.host.as_str()).filter(|h| !h.is_empty()).collect();
    let hosts = match hosts.len() {
        0 => "*".to_string(),
        n if n > MAX_HOSTS => format!("{} + {} more...", hosts[..MAX_HOSTS].join(","), n - MAX_HOSTS),
        _ => hosts.join(","),
    };
    let mut address = ing.addresses().join(",");
    if !wide && address.len() > MAX_ADDRESS_LEN {
        address = format!("{}...", &address[..13]);
    }
    let ports = if ing.spec.tls.is_empty() { "80" } else { "80, 443" };
    vec![ing.metadata.name.clone(), class, hosts, address, ports.into(), age(ing.metadata.creation_timestamp, now)]
}

/// NAME CONTROLLER PARAMETERS AGE.
pub fn ingress_class_cells(class: &IngressClass, now: Time) -> Vec<String> {
    let parameters = match &class.spec.parameters {
        None => "<none>".to_string(),
        Some(p) => {
            let text = |key: &str| p.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let group = text("apiGroup");
            let kind = if group.is_empty() { text("kind") } else { format!("{}.{group}", text("kind")) };
            format!("{kind}/{}", text("name"))
        }
    };
    vec![class.metadata.name.clone(), class.spec.controller.clone(), parameters, age(class.metadata.creation_timestamp, now)]
}
