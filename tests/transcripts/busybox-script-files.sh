# Lines a script redirects land in its volume's file at the times they are written (the shared-volume
# example of the Kubernetes docs), visible from the other container.
cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:
  volumes:
  - name: shared-data
    emptyDir: {}
  containers:
  - name: nginx
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html
  - name: writer
    image: busybox
    volumeMounts:
    - name: shared-data
      mountPath: /pod-data
    command: ["/bin/sh"]
    args: ["-c", "echo Hello from the writer > /pod-data/index.html; while true; do date >> /pod-data/index.html; sleep 5; done"]
EOF
sleep 17
kubectl exec two-containers -c nginx -- cat /usr/share/nginx/html/index.html
kubectl logs two-containers -c writer
