# Jobs and CronJobs: a Job runs a pod to completion; a failing Job retries with back-off until
# its backoffLimit; parallel completions; a CronJob makes a Job each scheduled minute and keeps
# three; a Job started by hand from the CronJob; ttlSecondsAfterFinished cleans up.
kubectl create job hello --image=busybox -- echo "Hello from the job"
kubectl get jobs
kubectl wait --for=condition=complete job/hello
kubectl get jobs
kubectl get pods --show-labels
kubectl logs job/hello
kubectl describe job hello
kubectl create job hello --image=busybox
kubectl create job nothing
kubectl create job x --image=busybox --dry-run=client -o yaml -- date
cat <<'EOF' > failing.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: failing
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: fail
        image: busybox
        command: ["sh", "-c", "echo trying; exit 1"]
EOF
kubectl apply -f failing.yaml
sleep 20
kubectl get jobs failing
kubectl get pods -l job-name=failing
sleep 60
kubectl get jobs failing
kubectl get pods -l job-name=failing
kubectl describe job failing | tail -8
cat <<'EOF' > parallel.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: batch
spec:
  completions: 4
  parallelism: 2
  ttlSecondsAfterFinished: 60
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox
        command: ["sh", "-c", "sleep 5"]
EOF
kubectl apply -f parallel.yaml
sleep 3
kubectl get jobs batch
kubectl get pods -l job-name=batch
sleep 20
kubectl get jobs batch
sleep 60
kubectl get jobs batch
kubectl get pods -l job-name=batch
cat <<'EOF' > always.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: always
spec:
  template:
    spec:
      restartPolicy: Always
      containers:
      - name: x
        image: busybox
EOF
kubectl apply -f always.yaml
kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- date
kubectl create cronjob bad --image=busybox --schedule="every minute"
kubectl create cronjob nope --image=busybox
kubectl get cj
sleep 60
kubectl get cj
kubectl get jobs
sleep 240
kubectl get cronjobs
kubectl get jobs
kubectl create job manual --from=cronjob/tick
kubectl create job manual2 --from=cronjob/missing
kubectl get job manual -o yaml | head -20
kubectl describe cj tick
kubectl get all
kubectl delete cronjob tick
sleep 5
kubectl get jobs
# The Kubernetes documentation's CronJob example.
cat <<'EOF' > cronjob.yaml
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
EOF
kubectl create -f cronjob.yaml
kubectl get cronjob hello
sleep 60
kubectl get jobs
pods=$(kubectl get pods --selector=job-name=hello-29329028 --output=jsonpath={.items[*].metadata.name})
kubectl logs $pods | grep Hello
kubectl delete cronjob hello
kubectl set image job/hello hello=busybox:1.36
