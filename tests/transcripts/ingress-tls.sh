# TLS through the ingress: a self-signed certificate made with openssl, a kubernetes.io/tls
# Secret, an Ingress tls section; https with and without -k, http redirected with a 308.
kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80
openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj "/CN=foo.example.com"
head -2 tls.crt
openssl x509 -in tls.crt -noout -subject
echo not a certificate > bad.crt
kubectl create secret tls web-tls --cert=bad.crt --key=tls.key
kubectl create secret tls web-tls --cert=tls.crt --key=bad.crt
kubectl create secret tls web-tls --cert=nope.crt --key=tls.key
kubectl create secret tls web-tls --cert=tls.crt --key=tls.key
kubectl get secret web-tls
cat <<'EOF' | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - foo.example.com
      secretName: web-tls
  rules:
    - host: foo.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
EOF
kubectl wait --for=condition=Available deployment/web
sleep 30
kubectl get ingress web
IP=$(kubectl get ingress web -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
curl https://$IP/ -H 'Host: foo.example.com'
echo "curl said $?"
curl -k -s https://$IP/ -H 'Host: foo.example.com' | grep title
curl -ks -o /dev/null -w '%{http_code}\n' https://$IP/ -H 'Host: other.example.com'
curl -i http://$IP/some/page -H 'Host: foo.example.com'
curl -sI http://$IP/ -H 'Host: other.example.com' | head -1
curl -kv https://$IP/ -H 'Host: foo.example.com' 2>&1 | grep -E 'subject|issuer|^< HTTP'
curl https://$IP:80/
kubectl describe ingress web | grep -A1 TLS
curl -kv --resolve foo.example.com:443:$IP https://foo.example.com/ 2>&1 | grep -E 'subject|issuer'
curl -sSLk --resolve foo.example.com:80:$IP --resolve foo.example.com:443:$IP http://foo.example.com/ -o /dev/null -w '%{http_code}\n'
wget -O - https://$IP/
echo "wget said $?"
wget -q -O - --no-check-certificate https://$IP/; echo "wget said $?"
kubectl -n ingress-nginx logs $(kubectl -n ingress-nginx get pod -o name | grep controller | head -1) | tail -2 | cut -d' ' -f6-9
