# rickroller's CSRF protection behind a Service with 3 replicas: without APP_SECRET_KEY each pod
# signs its form and session cookie with its own random secret, so a form loaded from one pod and
# posted to another is refused (Flask-WTF's error flashed, 302 back to the index); with a shared
# APP_SECRET_KEY every post goes through. curl keeps the session cookie with -c/-b.
kubectl create deployment rickroller --image=derlin/rickroller:latest --port=8080 --replicas=3
kubectl create service loadbalancer rickroller --tcp=80:8080
sleep 90
IP=$(kubectl get svc rickroller -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
curl -s -c jar http://$IP/ | grep csrf_token
cat jar
for i in 1 2 3 4 5 6; do
  TOKEN=$(curl -s -c jar http://$IP/ | grep -o 'csrf_token" value="[^"]*' | cut -d'"' -f3)
  curl -s -b jar -c jar -o /dev/null -w '%{http_code} %{redirect_url}\n' -d "url=https://example.com&redirect_on_scroll=on&num_scrolls=3&csrf_token=$TOKEN" http://$IP/
done
curl -si -c jar -d url=https://example.com http://$IP/ | grep -i 'location\|set-cookie'
for i in 1 2 3 4 5 6; do curl -s -b jar http://$IP/ | grep flash; done
kubectl logs -l app=rickroller --prefix | grep -B1 CSRFError
kubectl set env deployment/rickroller APP_SECRET_KEY=s3cr3t
sleep 60
kubectl get pod
for i in 1 2 3 4 5 6; do
  TOKEN=$(curl -s -c jar http://$IP/ | grep -o 'csrf_token" value="[^"]*' | cut -d'"' -f3)
  curl -s -b jar -c jar -o /dev/null -w '%{http_code} %{redirect_url}\n' -d "url=https://example.com&csrf_token=$TOKEN" http://$IP/
done
curl -s -b 'session=forged' -d 'url=https://example.com&csrf_token=x' -w '%{redirect_url}\n' -o /dev/null http://$IP/
# The key from a Secret works the same (the app sees the environment its container started with).
kubectl create secret generic rickroller --from-literal=key=an0ther
kubectl patch deployment rickroller --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/env","value":[{"name":"APP_SECRET_KEY","valueFrom":{"secretKeyRef":{"name":"rickroller","key":"key"}}}]}]'
sleep 90
for i in 1 2 3 4; do
  TOKEN=$(curl -s -c jar http://$IP/ | grep -o 'csrf_token" value="[^"]*' | cut -d'"' -f3)
  curl -s -b jar -c jar -o /dev/null -w '%{http_code} %{redirect_url}\n' -d "url=https://example.com&csrf_token=$TOKEN" http://$IP/
done
