//! `kubectl describe namespace`.

use super::common::{annotations_multiline, labels_multiline};
use super::writer::DescribeWriter;
use crate::cluster::objects::Namespace;

/// The describe text of a Namespace (kubeplay has no quotas or limit ranges to list).
pub fn describe_namespace(ns: &Namespace) -> String {
    let mut w = DescribeWriter::new();
    w.write(0, &format!("Name:\t{}\n", ns.metadata.name));
    labels_multiline(&mut w, "Labels", &ns.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &ns.metadata.annotations);
    w.write(0, &format!("Status:\t{}\n", ns.status.phase));
    w.write(0, "\n");
    w.write(0, "No resource quota.\n");
    w.write(0, "\n");
    w.write(0, "No LimitRange resource.\n");
    w.finish()
}
