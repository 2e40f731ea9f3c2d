//! Tests of the StatefulSet and storage describers on objects the real controllers produced.

use super::access_modes_short;
use crate::terminal::run_script;

/// The StatefulSet tutorial's `web` set with a claim template, left to start for 30 s.
const WEB: &str = r#"cat > web.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
EOF
kubectl apply -f web.yaml >/dev/null
sleep 30
"#;

fn describe(command: &str) -> String {
    run_script(1, &format!("{WEB}{command}\n"), false)
}

#[test]
fn statefulset_has_replicas_strategy_pod_template_and_claim_templates() {
    let out = describe("kubectl describe sts web");
    let expected_head = "Name:                   web
Namespace:              default
CreationTimestamp:      Mon, 06 Oct 2025 09:00:00 +0000
Selector:               app=nginx
Labels:                 <none>
Annotations:            <none>
Service Name:           nginx
Pod Management Policy:  OrderedReady
Replicas:               2 desired | 2 total
Update Strategy:        RollingUpdate
  Partition:            0
Persistent Volume Claim Retention Policy:
  WhenDeleted:  Retain
  WhenScaled:   Retain
Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:        registry.k8s.io/nginx-slim:0.24
    Port:         <none>
    Host Port:    <none>
    Environment:  <none>
    Mounts:
      /usr/share/nginx/html from www (rw)
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:
  Name:          www
  StorageClass:  
  Labels:        <none>
  Annotations:   <none>
  Capacity:      1Gi
  Access Modes:  [ReadWriteOnce]
Events:
  Type    Reason            Age   From                    Message
  ----    ------            ----  ----                    -------
  Normal  SuccessfulCreate  30s   statefulset-controller  create Claim www-web-0 Pod web-0 in StatefulSet web success
";
    assert!(out.starts_with(expected_head), "{out}");
}

#[test]
fn claim_shows_class_status_capacity_modes_and_users() {
    let out = describe("kubectl describe pvc www-web-1");
    assert!(out.starts_with("Name:          www-web-1\nNamespace:     default\nStorageClass:  standard\nStatus:        Bound\nVolume:        pvc-"), "{out}");
    assert!(out.contains("\nLabels:        app=nginx\nAnnotations:   pv.kubernetes.io/bind-completed: yes\n"), "{out}");
    assert!(out.contains("\nCapacity:      1Gi\nAccess Modes:  RWO\nVolumeMode:    Filesystem\nUsed By:       web-1\nEvents:\n"), "{out}");
    assert!(out.contains("  Normal  Provisioning  "), "{out}");
}

#[test]
fn volume_shows_claim_affinity_and_host_path_source() {
    let out = describe("kubectl describe pv");
    assert!(out.starts_with("Name:              pvc-"), "{out}");
    assert!(out.contains("\nStorageClass:      standard\nStatus:            Bound\nClaim:             default/www-web-"), "{out}");
    assert!(out.contains("\nReclaim Policy:    Delete\nAccess Modes:      RWO\nVolumeMode:        Filesystem\nCapacity:          1Gi\nNode Affinity:     \n  Required Terms:  \n    Term 0:        kubernetes.io/hostname in [kubeplay-worker"), "{out}");
    assert!(out.contains("\nMessage:           \nSource:\n    Type:          HostPath (bare host directory volume)\n    Path:          /var/local-path-provisioner/pvc-"), "{out}");
    assert!(out.contains("\n    HostPathType:  DirectoryOrCreate\nEvents:            <none>\n"), "{out}");
}

#[test]
fn storage_class_says_whether_it_is_the_default() {
    let out = run_script(1, "kubectl describe storageclass standard\n", false);
    assert_eq!(
        out,
        "Name:                  standard
IsDefaultClass:        Yes
Annotations:           storageclass.kubernetes.io/is-default-class=true
Provisioner:           rancher.io/local-path
Parameters:            <none>
AllowVolumeExpansion:  <unset>
MountOptions:          <none>
ReclaimPolicy:         Delete
VolumeBindingMode:     WaitForFirstConsumer
Events:                <none>
"
    );
}

#[test]
fn pending_claim_has_no_capacity_nor_users() {
    let script = "cat > c.yaml <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteMany, ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi
EOF
kubectl apply -f c.yaml >/dev/null
kubectl describe pvc data
";
    let out = run_script(1, script, false);
    assert!(out.starts_with("Name:          data\nNamespace:     default\nStorageClass:  standard\nStatus:        Pending\nVolume:        \n"), "{out}");
    assert!(out.contains("\nCapacity:      \nAccess Modes:  \nVolumeMode:    Filesystem\nUsed By:       <none>\n"), "{out}");
}

#[test]
fn access_modes_are_short_and_ordered() {
    let modes = ["ReadWriteMany".to_string(), "ReadWriteOnce".to_string(), "ReadWriteOnce".to_string()];
    assert_eq!(access_modes_short(&modes), "RWO,RWX");
    assert_eq!(access_modes_short(&[]), "");
}
