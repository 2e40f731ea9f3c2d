# Compound commands, conditions and arithmetic as tutorials beyond the chapter use them
kubectl create deployment rickroller --image=derlin/rickroller:latest --replicas=3
sleep 20
for pod in $(kubectl get pods -o name); do
  echo "pod: ${pod#pod/}"
done
for i in $(seq 1 3); do kubectl scale deployment rickroller --replicas=$i > /dev/null; echo "scaled to $i"; done
kubectl get deployment rickroller -o jsonpath='{.spec.replicas}'; echo
kubectl get pod does-not-exist
if [ $? -eq 0 ]; then echo "exists"; else echo "missing (status $?)"; fi
if kubectl get deployment rickroller > /dev/null 2>&1; then
  echo "deployment found"
elif true; then
  echo "never shown"
fi
kubectl get pods --no-headers | while read name ready status rest; do
  echo "$name is $status"
done
count=0
for pod in $(kubectl get pods -o name); do count=$((count + 1)); done
echo "$count pods, $((count * 2)) containers if each had two"
echo "${NAMESPACE:-default} ${#count}"
case $(kubectl get deployment rickroller -o jsonpath='{.status.readyReplicas}') in
  3) echo "all three ready" ;;
  *) echo "not ready yet" ;;
esac
# a loop that waits, ended by timeout
timeout 7 bash -c 'while true; do date +%T; sleep 3; done'; echo "timeout status $?"
# an endless loop in a script is stopped once the cluster is quiet
while true; do kubectl get pods --no-headers | wc -l; sleep 25; done
until kubectl get deployment web > /dev/null 2>&1; do echo "waiting for web"; kubectl create deployment web --image=nginx > /dev/null; done
# watches streamed through filters; head ends the watch
kubectl get pods -w | grep web | cut -c1-3
kubectl get pods -w | head -2
X=outer; (X=inner; echo "subshell sees $X"); echo "shell keeps $X"
[[ $X == out* ]] && echo "pattern matches"
[ -f kube/depl.yaml ] && [ ! -d kube/depl.yaml ] && echo "a file"
[ 1 -lt ]; echo "status $?"
for x in a b; do
