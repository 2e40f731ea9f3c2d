# Databases keep their rows in their data directory: a postgres StatefulSet with a claim keeps
# them when its pod is re-created; redis without a volume forgets its keys with its pod; postgres
# without a password refuses to start.
cat > pg.yaml <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: pg
spec:
  clusterIP: None
  selector:
    app: pg
  ports:
  - port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: pg
spec:
  serviceName: pg
  replicas: 1
  selector:
    matchLabels:
      app: pg
  template:
    metadata:
      labels:
        app: pg
    spec:
      containers:
      - name: postgres
        image: postgres:17
        env:
        - name: POSTGRES_PASSWORD
          value: s3cret
        ports:
        - containerPort: 5432
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
EOF
kubectl apply -f pg.yaml
kubectl wait --for=condition=Ready pod/pg-0 --timeout=120s
kubectl logs pg-0 | tail -2
kubectl exec pg-0 -- psql -U postgres -c "CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT, qty INT)"
kubectl exec pg-0 -- psql -U postgres -c "INSERT INTO items (name, qty) VALUES ('apple', 3), ('banana', 12)"
kubectl exec pg-0 -- psql -U postgres -c "SELECT * FROM items WHERE qty = 12"
kubectl exec pg-0 -- psql -U postgres -c "SELECT * FROM orders"
kubectl exec pg-0 -- ls /var/lib/postgresql/data/base
kubectl delete pod pg-0
kubectl wait --for=condition=Ready pod/pg-0 --timeout=120s
kubectl logs pg-0 | head -3
kubectl exec pg-0 -- psql -U postgres -c "SELECT * FROM items"
kubectl exec pg-0 -- psql -U postgres -c '\dt'
kubectl exec -it pg-0 -- psql -U postgres
INSERT INTO items (name, qty) VALUES ('cherry', 7);
SELECT name, qty FROM items
  WHERE qty > 5 ORDER BY name;
\q
kubectl exec pg-0 -- psql -c 'SELECT 1'
kubectl run cache --image=redis
kubectl wait --for=condition=Ready pod/cache
kubectl logs cache | tail -1
kubectl exec cache -- redis-cli SET greeting hello
kubectl exec cache -- redis-cli GET greeting
kubectl delete pod cache
kubectl run cache --image=redis
kubectl wait --for=condition=Ready pod/cache
kubectl exec cache -- redis-cli KEYS '*'
kubectl exec cache -- redis-cli EXISTS greeting
kubectl expose pod cache --port=6379
kubectl run pgclient --image=postgres:17 --env=POSTGRES_PASSWORD=x --env=PGPASSWORD=s3cret
kubectl run rclient --image=redis
kubectl wait --for=condition=Ready pod/pgclient pod/rclient
kubectl exec rclient -- redis-cli -h cache SET shared yes
kubectl exec rclient -- redis-cli -h nope PING
kubectl exec pgclient -- psql -h pg -U postgres -c "SELECT name FROM items WHERE qty < 10"
kubectl exec pgclient -- psql -h nope -U postgres -c "SELECT 1"
kubectl exec pg-0 -- psql -h pg -U postgres -c "SELECT 1"
kubectl exec cache -- redis-cli GET shared
kubectl exec -it cache -- redis-cli
KEYS *
GET nothing
exit
kubectl run docs --image=mongo --port=27017
kubectl run shop --image=mysql --env=MYSQL_ROOT_PASSWORD=pw --env=MYSQL_DATABASE=shop
kubectl wait --for=condition=Ready pod/docs pod/shop --timeout=60s
kubectl logs docs | tail -1
kubectl exec docs -- mongosh --quiet --eval 'db.items.insertOne({name: "apple", qty: 3})'
kubectl exec docs -- mongosh --quiet --eval 'db.items.find({qty: 3})'
kubectl exec -it docs -- mongosh
use shop
db.orders.insertMany([{item: "apple", n: 2}, {item: "kiwi", n: 1}])
show collections
db.orders.find({item: "kiwi"})
exit
kubectl exec shop -- mysql -uroot -ppw shop -e "CREATE TABLE t (id INT, name VARCHAR(20)); INSERT INTO t VALUES (1, 'x'); SELECT * FROM t" 2>/dev/null
kubectl exec shop -- mysql -uroot -pwrong -e "SELECT 1"
kubectl exec -it shop -- mysql -uroot -ppw shop
SELECT * FROM t;
SELECT * FROM t WHERE id > 5;
exit
kubectl run nopass --image=postgres:17
sleep 40
kubectl get pod nopass
kubectl logs nopass
