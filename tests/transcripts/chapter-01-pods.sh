# The chapter "01 - Manifests", steps 1 to 9: namespaces, a bare pod, a pod with two containers
# (with the tutorial's `while 1` typo), and the sidecar example.
kubectl create namespace test
kubens test
kubectl run rickroller --image=derlin/rickroller:latest --port 8080
kubectl get pod
sleep 15
kubectl get pod
kubectl get pod rickroller --show-labels
kubectl delete pod rickroller
kubectl apply -f kube/pod.yaml
sleep 10
kubectl get pod -o wide
kubectl delete pod rickroller
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: rickroller
spec:
  containers:
    - name: sh
      image: busybox
      command: ['sh', '-c', 'while 1; do sleep 10; done']
    - name: rickroller
      image: derlin/rickroller:latest
      ports:
        - containerPort: 8080
EOF
sleep 45
kubectl get pod
kubectl logs rickroller -c sh
kubectl logs rickroller
kubectl describe pod rickroller | grep -A8 "^  sh:"
kubectl delete pod rickroller
cat <<EOF > sidecar.yaml
apiVersion: v1
kind: Pod
metadata:
  name: example
  labels:
    app: webapp
spec:
  containers:
    - name: app
      image: nginx
      ports:
        - containerPort: 80
      volumeMounts:
        - name: shared-logs
          mountPath: /var/log/nginx
    - name: sidecar
      image: busybox
      command: ["sh", "-c", "touch /var/log/nginx/access.log; tail -F /var/log/nginx/access.log"]
      volumeMounts:
        - name: shared-logs
          mountPath: /var/log/nginx
  volumes:
    - name: shared-logs
      emptyDir: {}
EOF
kubectl apply -f sidecar.yaml
kubectl apply -f sidecar.yaml
sleep 20
kubectl get pods
kubectl logs example
kubectl get events --sort-by=.lastTimestamp | tail -5
kubectl delete -f sidecar.yaml --wait=false
kubectl get pods
