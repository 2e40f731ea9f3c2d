# The chapter's traffic: a port-forward to a pod (step 5), containers of a pod sharing the
# network (step 7), the sidecar reading nginx's access log from a shared emptyDir (step 9), a
# LoadBalancer reached from the learner's machine, and pods reaching services by DNS name.
kubectl create namespace test
kubens test
kubectl run rickroller --image=derlin/rickroller:latest --port 8080
sleep 20
kubectl port-forward pod/rickroller 8888:8080 &
curl -s localhost:8888 | head -8
curl -si localhost:8888/unknown | head -7
curl localhost:9999
kubectl logs rickroller | tail -2
kill %1
curl localhost:8888
kubectl port-forward pod/rickroller 8080
kubectl port-forward pod/nope 8080
kubectl delete pod rickroller
cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: rickroller
spec:
  containers:
  - name: sh
    image: busybox
    command: ['sh', '-c', 'while true; do sleep 10; done']
  - name: rickroller
    image: derlin/rickroller:latest
    ports:
    - containerPort: 8080
EOF
sleep 20
kubectl get pod
kubectl exec rickroller --container sh -- wget localhost:8080 -O - | grep title
kubectl exec rickroller -c sh -- wget -qO- localhost:8080/gotcha | grep ROLLED
kubectl exec rickroller -c sh -- wget localhost:8081 -O -
kubectl exec rickroller -c sh -- hostname
kubectl exec rickroller -c rickroller -- wget localhost:8080
kubectl exec rickroller -c sh -- cat /etc/resolv.conf
kubectl exec rickroller -- ls /etc
kubectl exec rickroller -c sh -- sh -c 'echo hi; nope'
kubectl logs rickroller -c rickroller | tail -3
kubectl delete pod rickroller
cat <<'EOF' | kubectl apply -f -
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
sleep 20
kubectl port-forward pod/example 8000:80 &
curl -s localhost:8000 | grep '<h1>'
curl -s localhost:8000/missing | grep title
kubectl exec example -c sidecar -- wget -qO- localhost | wc -c
kill %1
kubectl logs example -c sidecar
kubectl exec example -c app -- cat /var/log/nginx/access.log | wc -l
kubectl delete pod example --wait=false
kubectl apply -f kube/env-depl.yaml
kubectl create service loadbalancer rickroller --tcp=80:8080
sleep 70
IP=$(kubectl get svc rickroller -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
curl -s http://$IP/ | grep '<title>'
curl -s http://$IP/ | grep stylesheet
curl -sI http://$IP/nothing | head -1
CLUSTER_IP=$(kubectl get svc rickroller -o jsonpath='{.spec.clusterIP}')
curl -m 5 http://$CLUSTER_IP/
curl http://rickroller/
kubectl port-forward svc/rickroller 8888:80 &
curl -s localhost:8888 | grep '<title>'
kill %1
kubectl run client --image=busybox -- sh -c 'while true; do sleep 10; done'
sleep 20
kubectl exec client -- wget -qO- rickroller.test.svc.cluster.local | grep '<h1>'
kubectl exec client -- wget -O /dev/null rickroller
kubectl exec client -- wget -qO- rickroller.test | grep -c title
kubectl exec client -- wget -qO- nope.test
kubectl exec client -- nslookup rickroller.test.svc.cluster.local
kubectl logs -l app=rickroller --prefix --tail=1
kubectl scale deployment rickroller --replicas=0
sleep 5
kubectl exec client -- wget -qO- rickroller
kubectl scale deployment rickroller --replicas=3
kubectl delete svc rickroller
kubectl apply -f kube/svc.yaml
sed 's/pathType: Prefix/pathType: ImplementationSpecific/' kube/ingress.yaml > ingress.yaml
kubectl apply -f ingress.yaml
sleep 60
IP=$(kubectl get ingress rickroller -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
curl -s http://$IP/rickroller | grep stylesheet
curl -sI http://$IP/rickroller/assets/style.css | head -1
curl -s -d url=https://example.com http://$IP/rickroller/ | grep href
curl -s http://$IP/nope | grep title
