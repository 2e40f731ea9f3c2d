# Pipes, grep flags and text filters on the tutorial's files
ls
ls kube
cat kube/depl.yaml | grep -n image
grep -c rickroller kube/*.yaml
grep -i KIND kube/pod.yaml
grep -v '^ ' kube/depl.yaml
grep -o 'port: [0-9]*' kube/svc.yaml
grep -w app kube/svc.yaml
grep -A2 containers kube/depl.yaml
grep -B1 -n image kube/depl.yaml
grep -a2 selector kube/lb-svc.yaml
grep -E 'kind|name:' kube/pod.yaml | sort | uniq -c
cat kube/*.yaml | grep -c apiVersion
head -3 kube/depl.yaml | tail -n 1
wc -l kube/pod.yaml
cut -d: -f1 kube/pod.yaml | sort -u | head -4
sed 's/rickroller/rick/g' kube/pod.yaml
awk '{print $1}' kube/svc.yaml | head -2
grep nothing-here kube/pod.yaml; echo "grep status: $?"
grep --bogus x kube/pod.yaml
cat missing.yaml
