# The chapter "01 - Manifests", steps 19 to 22: a LoadBalancer Service whose external IP the
# cloud provisions in about a minute, its endpoints following the pods, then a ClusterIP Service.
kubectl create namespace test
kubens test
kubectl apply -f kube/env-depl.yaml
sleep 30
kubectl create service loadbalancer rickroller --tcp=80:8080 --dry-run=client -o yaml
kubectl create service loadbalancer rickroller --tcp=80:8080
kubectl create service loadbalancer rickroller --tcp=80:8080
kubectl get svc
sleep 70
kubectl get svc
kubectl describe svc rickroller
kubectl get endpoints rickroller
kubectl get pods -o wide
kubectl delete $(kubectl get pod -o name | head -1) --wait=false
kubectl get endpoints rickroller
kubectl get endpointslices
sleep 30
kubectl get endpoints rickroller
kubectl delete svc rickroller
kubectl get endpoints
kubectl apply -f kube/svc.yaml
kubectl get svc,ep
kubectl get all
kubectl get svc -n default
kubectl get endpoints kubernetes -n default
kubectl get svc -A -o wide
