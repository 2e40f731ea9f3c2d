# Storage protection: a claim in use by a pod stays Terminating when deleted until the pod is
# gone; then its dynamically provisioned volume (reclaim policy Delete) is Released and deleted.
cat > db.yaml <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ "ReadWriteOnce" ]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
EOF
kubectl apply -f db.yaml
sleep 10
kubectl get pvc,pv
kubectl get pvc data -o jsonpath='{.metadata.finalizers}{"\n"}'
kubectl get pv -o jsonpath='{.items[0].metadata.finalizers}{"\n"}'
kubectl exec db -- sh -c 'echo saved > /data/file'
kubectl exec db -- cat /data/file
kubectl delete pvc data --wait=false
kubectl get pvc
kubectl describe pvc data
cat > other.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: late
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
EOF
kubectl apply -f other.yaml
sleep 2
kubectl get pods
kubectl describe pod late | tail -2
kubectl delete pod late
kubectl get pv -w &
kubectl delete pod db
sleep 10
kill %1
kubectl get pvc
kubectl get pv
kubectl apply -f db.yaml
sleep 10
kubectl exec db -- cat /data/file
