kubectl run client --image=busybox -- sh -c 'while true; do sleep 10; done'
kubectl run web --image=nginx
kubectl wait --for=condition=Ready pod/client pod/web
kubectl exec -it client -- sh
hostname
ls /
cat /etc/nope
echo $? $HOSTNAME '$HOME'
exit
echo "back in the learner's shell: $?"
kubectl exec -ti web -c web -- /bin/bash
hostname && whoami
nope
exit 3
echo "status $?"
kubectl exec -it client -c wrong -- sh
kubectl exec --stdin --tty web -- zsh
kubectl run crash --image=busybox -- false
sleep 30
kubectl get pod crash
kubectl exec -it crash -- sh
kubectl exec -it client -- sh
hostname
