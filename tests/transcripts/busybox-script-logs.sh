# A busybox container's script logs its lines at the virtual times they run: a loop prints every
# iteration (date shows the time), lines after a sleep come later, logs -f streams them.
kubectl run ticker --image=busybox -- sh -c 'echo starting; while true; do echo tick; date; sleep 5; done'
sleep 22
kubectl logs ticker --timestamps
kubectl logs ticker --tail=2
kubectl run once --image=busybox --restart=Never -- sh -c 'echo one; sleep 3; echo two; exit 2'
sleep 10
kubectl get pod once
kubectl logs once --timestamps
kubectl logs -f ticker --tail=1 &
sleep 11
kill %1
