# ConfigMaps and Secrets: created from literals and files, consumed as env and volumes.
echo "debug=false" > app.properties
kubectl create configmap app-config --from-literal=COLOR=blue --from-file=app.properties
kubectl create configmap app-config --from-literal=COLOR=red
kubectl create secret generic db --from-literal=password=hunter22 --from-literal=user=admin
kubectl create configmap x --from-literal=b@d=1
kubectl create secret generic s --from-literal=token=abc --dry-run=client -o yaml
kubectl get cm app-config
kubectl get secret db
kubectl get secret db -o jsonpath='{.data.password}' | base64 -d
echo
kubectl describe cm app-config
kubectl describe secret db
cat <<EOF > pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
    envFrom:
    - configMapRef:
        name: app-config
      prefix: CFG_
    volumeMounts:
    - name: config
      mountPath: /etc/config
    - name: creds
      mountPath: /etc/creds
      readOnly: true
  volumes:
  - name: config
    configMap:
      name: app-config
  - name: creds
    secret:
      secretName: db
EOF
kubectl apply -f pod.yaml
kubectl wait --for=condition=Ready pod/web
kubectl exec web -- printenv CFG_COLOR DB_PASSWORD
kubectl exec web -- ls /etc/config
kubectl exec web -- cat /etc/config/app.properties
kubectl exec web -- cat /etc/creds/user
echo
kubectl describe pod web | grep -A4 "Environment Variables from"
cat <<EOF > broken.yaml
apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
    env:
    - name: LEVEL
      valueFrom:
        configMapKeyRef:
          name: settings
          key: level
EOF
kubectl apply -f broken.yaml
sleep 20
kubectl get pod broken
kubectl describe pod broken | grep "Error:"
kubectl create configmap settings --from-literal=level=debug
sleep 15
kubectl get pod broken
kubectl exec broken -- printenv LEVEL
kubectl get cm -A | grep kube-root-ca.crt | head -3
kubectl create namespace team
sleep 1
kubectl get cm -n team
