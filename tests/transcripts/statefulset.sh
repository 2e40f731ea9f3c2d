# StatefulSet basics (the Kubernetes tutorial): the web StatefulSet behind the headless service
# nginx starts its pods in order, each with its own claim; it scales up and down one pod at a
# time; a deleted pod comes back with the same name and the same data.
kubectl get storageclass
cat > web.yaml <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
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
        ports:
        - containerPort: 80
          name: web
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
kubectl get pods -w -l app=nginx &
kubectl apply -f web.yaml
sleep 20
kill %1
kubectl get service nginx
kubectl get statefulset web
kubectl get pods -l app=nginx --show-labels
kubectl get pvc -l app=nginx
kubectl get pv
for i in 0 1; do kubectl exec "web-$i" -- sh -c "echo web-$i > /usr/share/nginx/html/index.html"; done
for i in 0 1; do kubectl exec "web-$i" -- cat /usr/share/nginx/html/index.html; done
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,HOSTNAME:.spec.hostname,SUBDOMAIN:.spec.subdomain,CLAIM:.spec.volumes[0].persistentVolumeClaim.claimName
kubectl get pods -w -l app=nginx &
kubectl scale sts web --replicas=5
sleep 20
kill %1
kubectl get pods -w -l app=nginx &
kubectl patch sts web -p '{"spec":{"replicas":3}}'
sleep 90
kill %1
kubectl get pvc -l app=nginx
kubectl get pods -w -l app=nginx &
kubectl delete pod web-0
sleep 10
kill %1
kubectl exec web-0 -- cat /usr/share/nginx/html/index.html
kubectl rollout restart sts/web
kubectl rollout status sts/web
kubectl get all
kubectl get events --sort-by=.lastTimestamp | grep statefulset/web | head -8
kubectl delete statefulset web
sleep 40
kubectl get pods -l app=nginx
kubectl get pvc
