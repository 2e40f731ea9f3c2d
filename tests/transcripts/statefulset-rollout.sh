# StatefulSet rolling updates (the Kubernetes tutorial's "Updating StatefulSets"): every template
# is kept as a ControllerRevision; a new image replaces pods from the highest ordinal down; a
# partition holds the lower ordinals back; history and undo work from the revisions.
cat > web.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
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
kubectl apply -f web.yaml
kubectl rollout status sts/web
kubectl get controllerrevisions
kubectl describe controllerrevision
kubectl get pod web-0 --show-labels
kubectl get sts web -o jsonpath='{.status.currentRevision} {.status.updateRevision}{"\n"}'
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.21"}]'
kubectl get pods -w -l app=nginx &
kubectl rollout status sts/web
kill %1
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,REVISION:.metadata.labels.controller-revision-hash
kubectl get controllerrevision
kubectl rollout history sts/web
kubectl rollout history statefulset/web --revision=1
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'
kubectl rollout status sts/web
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
kubectl delete pod web-1
sleep 30
kubectl get pod web-1 -o jsonpath='{.spec.containers[0].image}{"\n"}'
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}'
kubectl rollout status sts/web
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
kubectl rollout history sts/web
kubectl rollout undo sts/web
kubectl rollout status sts/web
kubectl rollout history sts/web
kubectl rollout undo sts/web --to-revision=9
kubectl rollout undo sts/web --to-revision=3 --dry-run=client
kubectl rollout undo sts/web --to-revision=3 --dry-run=server
kubectl rollout undo sts/web --to-revision=4
kubectl rollout restart sts/web
kubectl rollout status sts/web
kubectl get controllerrevisions
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24
sleep 30
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
kubectl rollout status sts/web
kubectl delete pod web-2
sleep 30
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
kubectl delete sts web
sleep 60
kubectl get controllerrevisions
kubectl delete pvc -l app=nginx
kubectl get pv
sleep 5
kubectl get pvc
kubectl get pv
