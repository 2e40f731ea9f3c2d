kubectl run client --image=busybox -- sleep 3600
kubectl run web --image=nginx
kubectl wait --for=condition=Ready pod/client pod/web
kubectl exec -it client -- sh
ls / | wc -l
cd /etc
pwd
ls -l | head -3
cat /nope; echo "status $?"
false || echo "false failed with $?"
true && echo ok; echo after
export GREETING=hello
echo $GREETING from $(hostname)
env | grep -c GREETING
printenv HOSTNAME
ps
ps | grep -c sleep
kubectl get pods
sleep 2 && echo slept
exit 4
echo "learner sees $?"
kubectl exec -it web -- bash
cd /var/log
cd /nope
grep -n listen /etc/nginx/conf.d/default.conf | head -1
cat /etc/nginx/nginx.conf | grep -c include
tail -2 /etc/hosts | wc -l
ps
echo $?
exit
kubectl exec web -- sh -c 'cd /usr/share/nginx/html && ls | wc -l && pwd'
kubectl exec web -- sh -c 'echo one; exit 3; echo never'
kubectl exec client -- sh -c 'nope || echo "fallback after $?"'
kubectl exec client -- grep nameserver /etc/resolv.conf
kubectl exec client -- head -n 1 /etc/hosts
kubectl exec client -- env | head -3
kubectl exec client -- ps
kubectl -n ingress-nginx exec $(kubectl -n ingress-nginx get pod -o name | grep controller | head -1) -- sh -c 'ps | grep nginx: | head -2; pwd'
kubectl exec -it client -- sh
wget -T 2 http://10.1.2.3/
echo "wget said $?"
exit
kubectl exec web -- sh -c 'nope'
kubectl exec -it web -- sh
cd /etc
nope
exit
