# Connections nobody answers take virtual time, like on Linux: busybox wget in a pod and curl hang
# ~134 s (SYN retries) before 'Connection timed out' (wget -T / curl -m cut it short); a ClusterIP
# without endpoints is refused at once (kube-proxy's reject); GNU wget retries with its back-off.
kubectl run client --image=busybox -- sh -c 'sleep infinity'
kubectl create deployment web --image=nginx --replicas=0
kubectl expose deployment web --port=80
sleep 10
date +%T
kubectl exec client -- wget -O - http://10.1.2.3
date +%T
kubectl exec client -- wget -O - -T 5 http://10.1.2.3
date +%T
kubectl exec client -- wget -qO- web
kubectl exec client -- wget -qO- $(kubectl get svc web -o jsonpath='{.spec.clusterIP}')
date +%T
curl 10.1.2.3
date +%T
wget -t 3 10.1.2.3
echo "exit $?"
wget -q --tries=2 --timeout=5 http://10.1.2.3/x
echo "exit $?"
wget 10.1.2.3 &
sleep 300
kill %1
date +%T
