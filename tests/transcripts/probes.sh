# Probes: a readiness probe on a wrong path keeps pods 0/1 and out of the endpoints, fixing the
# Deployment's probe rolls out ready pods, a liveness exec probe restarts its container, and
# describe shows the probe lines and Unhealthy events.
cat <<'EOF' | kubectl apply -f -
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.29
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet:
            path: /healthz
            port: 80
EOF
kubectl expose deployment web --port 80
sleep 40
kubectl get pods
kubectl get endpoints web
kubectl describe pod -l app=web | grep -E 'Readiness|Ready:|Unhealthy'
kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/readinessProbe/httpGet/path","value":"/"}]'
kubectl rollout status deployment web
kubectl get pods
kubectl get endpoints web
kubectl logs deploy/web | grep kube-probe | tail -1
cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: busybox
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
EOF
sleep 30
kubectl get pod liveness-exec
sleep 50
kubectl get pod liveness-exec
kubectl describe pod liveness-exec | grep -A12 'State:'
kubectl describe pod liveness-exec | grep -E 'Unhealthy|Killing'
