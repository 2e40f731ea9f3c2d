# The chapter "01 - Manifests", step 23: an Ingress served by the NGINX ingress controller.
# The tutorial's manifest uses a regex path with pathType Prefix, which ingress-nginx v1.12+
# refuses (strict path validation); with ImplementationSpecific it is accepted.
kubectl create namespace test
kubens test
kubectl apply -f kube/env-depl.yaml
kubectl apply -f kube/svc.yaml
sleep 30
kubectl apply -f kube/ingress.yaml
kubectl get ingress
sed -i 's/pathType: Prefix/pathType: ImplementationSpecific/' kube/ingress.yaml
kubectl apply -f kube/ingress.yaml
kubectl get ingress
sleep 30
kubectl get ingress
kubectl describe ingress rickroller
kubectl get ingressclass
kubectl describe ingressclass nginx
kubectl apply -f kube/ingress.yaml
kubectl get ing rickroller -o jsonpath='{.status.loadBalancer.ingress[0].ip}'
echo
kubectl -n ingress-nginx get svc ingress-nginx-controller
kubectl create ingress web --rule="/web*=web:80" --class=nginx --dry-run=client -o yaml
kubectl create ingress web --rule="/web*=web:80" --class=nginx
kubectl create ingress classless --rule="/x=web:80"
sleep 20
kubectl get ing
kubectl describe ing web
kubectl get events | grep ingress
kubectl delete ingress web classless
