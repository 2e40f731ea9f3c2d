# DaemonSets: the cluster's own (kube-proxy, kindnet, the ingress-nginx controller), one pod
# per node; a new DaemonSet with a node selector; a rolling update one node at a time with its
# revision history, undo and restart; deleting the set removes its pods.
kubectl get ds -A
kubectl get daemonsets -n kube-system -o wide
kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide
kubectl describe ds kube-proxy -n kube-system
kubectl get ds ds-that-is-not-there
cat <<'EOF' > agent.yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels:
    app: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: nginx:1.25
EOF
kubectl apply -f agent.yaml
kubectl get ds agent
kubectl rollout status ds/agent
kubectl get pods -l app=agent -o wide
kubectl get ds agent
kubectl set image ds/agent agent=nginx:1.27
kubectl rollout status ds/agent
kubectl get pods -l app=agent
kubectl rollout history ds/agent
kubectl rollout history ds/agent --revision=2
kubectl get controllerrevisions -l app=agent
kubectl rollout undo ds/agent
kubectl rollout status ds/agent
kubectl rollout history ds/agent
kubectl get ds agent -o wide
kubectl rollout restart daemonset agent
kubectl rollout status ds/agent
kubectl describe ds agent | tail -14
kubectl label node kubeplay-worker2 disk=ssd
cat <<'EOF' > ssd.yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: main
        image: busybox
        command: ["sleep", "3600"]
EOF
kubectl apply -f ssd.yaml
sleep 5
kubectl get ds ssd-monitor
kubectl get pods -l app=ssd-monitor -o wide
kubectl label node kubeplay-worker2 disk-
sleep 35
kubectl get ds ssd-monitor
kubectl get pods -l app=ssd-monitor
kubectl delete ds agent
kubectl get pods -l app=agent
sleep 35
kubectl get pods -l app=agent
kubectl get all -A
