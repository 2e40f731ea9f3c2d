//! `kubectl describe configmap` and `kubectl describe secret`.

use super::common::{annotations_multiline, events, labels_multiline};
use super::writer::DescribeWriter;
use crate::cluster::objects::{ConfigMap, Event, Secret, Time};

/// The describe text of a ConfigMap: every value under a `----` rule, binary keys by size,
/// then its events.
pub fn describe_configmap(cm: &ConfigMap, list: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    w.write(0, &format!("Name:\t{}\n", cm.metadata.name));
    w.write(0, &format!("Namespace:\t{}\n", cm.metadata.namespace));
    labels_multiline(&mut w, "Labels", &cm.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &cm.metadata.annotations);
    w.write(0, "\nData\n====\n");
    for (key, value) in &cm.data {
        w.write(0, &format!("{key}:\n----\n"));
        w.write(0, &format!("{value}\n"));
    }
    w.write(0, "\nBinaryData\n====\n");
    for (key, value) in &cm.binary_data {
        let len = crate::cluster::objects::config::base64_decode(value).map_or(0, |b| b.len());
        w.write(0, &format!("{key}: {len} bytes\n"));
    }
    w.write(0, "\n");
    events(&mut w, list, now);
    w.finish()
}

/// The describe text of a Secret: its type and the size of each value, never the values.
pub fn describe_secret(secret: &Secret) -> String {
    let mut w = DescribeWriter::new();
    w.write(0, &format!("Name:\t{}\n", secret.metadata.name));
    w.write(0, &format!("Namespace:\t{}\n", secret.metadata.namespace));
    labels_multiline(&mut w, "Labels", &secret.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &secret.metadata.annotations);
    w.write(0, &format!("\nType:\t{}\n", secret.type_));
    w.write(0, "\nData\n====\n");
    for key in secret.data.keys() {
        w.write(0, &format!("{key}:\t{} bytes\n", secret.byte_len(key)));
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::objects::ObjectMeta;

    #[test]
    fn configmap_lists_each_value_under_a_rule() {
        let cm = ConfigMap {
            metadata: ObjectMeta { name: "app".into(), namespace: "default".into(), ..Default::default() },
            data: [("color".to_string(), "blue".to_string()), ("mode".to_string(), "prod".to_string())].into_iter().collect(),
            ..Default::default()
        };
        assert_eq!(
            describe_configmap(&cm, &[], Time(0)),
            "Name:         app\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\ncolor:\n----\nblue\nmode:\n----\nprod\n\nBinaryData\n====\n\nEvents:  <none>\n"
        );
    }

    #[test]
    fn secret_shows_sizes_not_values() {
        let mut secret = Secret {
            metadata: ObjectMeta { name: "db".into(), namespace: "default".into(), ..Default::default() },
            type_: "Opaque".into(),
            ..Default::default()
        };
        secret.string_data.insert("password".into(), "hunter22".into());
        secret.string_data.insert("user".into(), "admin".into());
        secret.merge_string_data();
        assert_eq!(
            describe_secret(&secret),
            "Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  8 bytes\nuser:      5 bytes\n"
        );
    }
}
