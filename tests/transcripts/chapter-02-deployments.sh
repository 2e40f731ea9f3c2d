# The chapter "01 - Manifests", steps 10 to 18: a Deployment, scaling, self-healing, a rolling
# update watched from a second terminal, rollback, revisions and the pod-template-hash.
kubectl create namespace test
kubens test
kubectl create deployment rickroller --image=derlin/rickroller:latest --port=8080 --dry-run=client -o yaml
kubectl apply -f kube/depl.yaml
kubectl get all
sleep 20
kubectl get all
kubectl scale deployment rickroller --replicas=3
kubectl rollout status deployment/rickroller
kubectl get pods
kubectl delete $(kubectl get pod -o name | grep rickroller | head -1)
kubectl get pods
sleep 10
kubectl get pods
kubectl get pod -w &
KUBE_EDITOR="sed -i 's/^        name: rickroller$/        name: rickroller\n        env:\n        - name: BEHIND_PROXY\n          value: \"true\"/'" kubectl edit deploy rickroller
kubectl rollout status deployment/rickroller
kill %1
kubectl get rs
kubectl describe deployment rickroller
kubectl rollout undo deployment/rickroller
kubectl rollout status deployment/rickroller
kubectl rollout history deployment/rickroller
kubectl get rs -o wide
kubectl get rs -o yaml | grep -B3 -A3 pod-template-hash | head -20
kubectl apply -f kube/env-depl.yaml
kubectl rollout status deployment/rickroller
kubectl rollout history deployment/rickroller
kubectl get rs
kubectl scale deploy rickroller --replicas=0
sleep 5
kubectl get all
