# `kubectl edit` reopens the editor when the saved object is invalid or does not parse: a fix on
# the second pass is applied; saving the same broken text again cancels and keeps a copy.
kubectl create namespace test
kubens test
kubectl apply -f kube/depl.yaml
KUBE_EDITOR="sed -i -e 's/^  replicas: -1$/  replicas: 2/' -e t -e 's/^  replicas: 1$/  replicas: -1/'" kubectl edit deploy rickroller
kubectl get deploy rickroller -o jsonpath='{.spec.replicas}{"\n"}'
KUBE_EDITOR="f() { grep -q 'bad: :' \"\$1\" || sed -i '0,/^  replicas: 2$/s//  replicas: 2\n  bad: : x/' \"\$1\"; }; f" kubectl edit deploy rickroller
echo "exit status $?"
head -7 /tmp/kubectl-edit-*.yaml
grep -n 'bad: :' /tmp/kubectl-edit-*.yaml
