//! Defaults and validation of container probes, as `kubectl get -o yaml` and `apply` show them.

use crate::terminal::run_script;

#[test]
fn probes_get_the_api_server_timings_and_http_scheme() {
    let script = "cat > p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: probed
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet:
        path: /
        port: 80
    readinessProbe:
      tcpSocket:
        port: 80
      periodSeconds: 5
EOF
kubectl apply -f p.yaml >/dev/null
kubectl get pod probed -o yaml | grep -A 17 '    livenessProbe:'
";
    let out = run_script(1, script, false);
    assert_eq!(
        out,
        "    livenessProbe:
      failureThreshold: 3
      httpGet:
        path: /
        port: 80
        scheme: HTTP
      periodSeconds: 10
      successThreshold: 1
      timeoutSeconds: 1
    name: web
    readinessProbe:
      failureThreshold: 3
      periodSeconds: 5
      successThreshold: 1
      tcpSocket:
        port: 80
      timeoutSeconds: 1
    resources: {}
"
    );
}

#[test]
fn liveness_and_startup_probes_must_succeed_once() {
    let script = "cat > q.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      successThreshold: 2
      exec:
        command: [cat, /tmp/x]
    readinessProbe:
      successThreshold: 2
      exec:
        command: [cat, /tmp/x]
EOF
kubectl apply -f q.yaml
";
    let out = run_script(1, script, false);
    assert_eq!(
        out,
        "The Pod \"bad\" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1\n"
    );
}
