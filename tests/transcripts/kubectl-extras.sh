# kubectl gaps learners hit: top (metrics-server), --field-selector, run -i/-t/--rm/--expose,
# cobra's command suggestions and int32 flag ranges.
kubectl top
kubectl top node
kubectl top pod -n kube-system --sort-by=memory
kubectl create deployment web --image=nginx --port=80 --replicas=2
kubectl expose deployment web
kubectl rollout status deployment web
kubectl top pod
sleep 40
kubectl top pod --containers
kubectl top pod -A -l app=web --sort-by=cpu --sum
kubectl top pod nope
kubectl get pods --field-selector status.phase=Running -o name | wc -l
kubectl get pods -A --field-selector metadata.namespace=kube-system,spec.nodeName=kubeplay-worker -o name
kubectl get pods --field-selector foo=bar
kubectl get deploy --field-selector status.phase=Running
kubectl run tmp --image=busybox --rm -it --restart=Never -- sh
hostname
wget -qO- http://web | grep title
exit
kubectl run fetch --image=busybox --rm -i --restart=Never -- wget -qO- http://web.default.svc.cluster.local
kubectl run fail --image=busybox --rm -i --restart=Never -- false
echo "exit status $?"
kubectl run box -it --image=busybox
echo first
exit
kubectl attach box -c box -i -t
hostname
exit
kubectl delete pod box --now
kubectl run ngx --image=nginx --port=80 --expose
kubectl get svc ngx -o jsonpath='{.spec.selector}{"\n"}'
kubectl wait --for=condition=Ready pod/ngx
kubectl get events --field-selector source=kubelet,reason=Started,involvedObject.name=ngx
kubectl delete pod --field-selector metadata.name=ngx
kubectl run x --image=busybox -t
kubectl run x --image=busybox --rm
kubectl run x --image=busybox --expose
kubectl create deployment big --image=nginx --replicas=99999999999
kubectl tpo
kubectl ex
