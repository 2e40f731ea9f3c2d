//! Table cells of StatefulSets and the storage kinds, as the API server's printers make them.

use super::age;
use crate::cluster::objects::storage::access_modes_short;
use crate::cluster::objects::time::Time;
use crate::cluster::objects::{ControllerRevision, PersistentVolume, PersistentVolumeClaim, StatefulSet, StorageClass};

/// NAME READY AGE (+ CONTAINERS IMAGES).
pub fn statefulset_cells(sts: &StatefulSet, now: Time, wide: bool) -> Vec<String> {
    let mut cells = vec![
        sts.metadata.name.clone(),
        format!("{}/{}", sts.status.ready_replicas.unwrap_or(0), sts.spec.replicas.unwrap_or(1)),
        age(sts.metadata.creation_timestamp, now),
    ];
    if wide {
        let containers = &sts.spec.template.spec.containers;
        cells.push(containers.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(","));
        cells.push(containers.iter().map(|c| c.image.as_str()).collect::<Vec<_>>().join(","));
    }
    cells
}

/// NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE (+ VOLUMEMODE).
pub fn claim_cells(claim: &PersistentVolumeClaim, now: Time, wide: bool) -> Vec<String> {
    let bound = claim.status.phase == "Bound";
    let mut cells = vec![
        claim.metadata.name.clone(),
        if claim.metadata.deletion_timestamp.is_some() { "Terminating".into() } else { claim.status.phase.clone() },
        claim.spec.volume_name.clone(),
        if bound { claim.status.capacity.get("storage").cloned().unwrap_or_default() } else { String::new() },
        if bound { access_modes_short(&claim.status.access_modes) } else { String::new() },
        claim.spec.storage_class_name.clone().unwrap_or_default(),
        claim.spec.volume_attributes_class_name.clone().unwrap_or_else(|| "<unset>".into()),
        age(claim.metadata.creation_timestamp, now),
    ];
    if wide {
        cells.push(claim.spec.volume_mode.clone());
    }
    cells
}

/// NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS
/// REASON AGE (+ VOLUMEMODE).
pub fn volume_cells(pv: &PersistentVolume, now: Time, wide: bool) -> Vec<String> {
    let claim = pv.spec.claim_ref.as_ref().map(|c| format!("{}/{}", c.namespace, c.name)).unwrap_or_default();
    let mut cells = vec![
        pv.metadata.name.clone(),
        pv.spec.capacity.get("storage").cloned().unwrap_or_default(),
        access_modes_short(&pv.spec.access_modes),
        pv.spec.persistent_volume_reclaim_policy.clone(),
        if pv.metadata.deletion_timestamp.is_some() { "Terminating".into() } else { pv.status.phase.clone() },
        claim,
        pv.spec.storage_class_name.clone(),
        "<unset>".into(),
        String::new(),
        age(pv.metadata.creation_timestamp, now),
    ];
    if wide {
        cells.push(pv.spec.volume_mode.clone());
    }
    cells
}

/// NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE; the default
/// class's name reads `standard (default)`.
pub fn storage_class_cells(class: &StorageClass, now: Time) -> Vec<String> {
    let name = if class.is_default() { format!("{} (default)", class.metadata.name) } else { class.metadata.name.clone() };
    vec![
        name,
        class.provisioner.clone(),
        class.reclaim_policy.clone(),
        class.volume_binding_mode.clone(),
        class.allow_volume_expansion.unwrap_or(false).to_string(),
        age(class.metadata.creation_timestamp, now),
    ]
}

/// NAME CONTROLLER REVISION AGE.
pub fn controller_revision_cells(cr: &ControllerRevision, now: Time) -> Vec<String> {
    vec![
        cr.metadata.name.clone(),
        cr.controller().unwrap_or_else(|| "<none>".into()),
        cr.revision.to_string(),
        age(cr.metadata.creation_timestamp, now),
    ]
}
