# Client-side kubectl output, compared byte for byte with a real kubectl client (v1.34 omits
# `creationTimestamp: null`): dry-run manifests, help texts, and errors printed without a server.
kubectl create deployment rickroller --image=derlin/rickroller:latest --port=8080 --dry-run=client -o yaml
kubectl run rickroller --image=derlin/rickroller:latest --port 8080 --dry-run=client -o yaml
kubectl run bb --image=busybox --restart=Never -l app=bb,tier=debug --env=A=1 --command --dry-run=client -o yaml -- sh -c 'echo hello; sleep 5'
kubectl create deployment web --image=registry.example.com:5000/team/web:1.0 --replicas=3 --dry-run=client -o name
kubectl create namespace test --dry-run=client -o yaml
kubectl create namespace test --dry-run=client
kubectl get --help | head -20
kubectl scale --help | head
kubectl rollout --help
kubectl create deployment --help
kubectl gett
kubectl crate
kubectl rollout sttus
kubectl get
kubectl get pods --foo
kubectl create deployment web
kubectl create deployment --image=nginx
kubectl create deployment web --image=nginx -r x
kubectl run nginx --image=nginx --restart=Sometimes
kubectl version --client
