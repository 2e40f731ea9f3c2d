# Here-docs and redirections into the virtual filesystem
cat <<EOF > pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: $USER-pod
EOF
cat pod.yaml
cat <<'EOF' >> pod.yaml
# literal $USER
EOF
tail -1 pod.yaml
cat <<-EOF
	tabs are stripped
	EOF
echo first > notes.txt
echo second >> notes.txt
wc -l < notes.txt
nope 2>/dev/null || echo "error hidden"
nope 2>&1 | tr a-z A-Z
mkdir work && cd work && pwd
echo inside > f.txt; ls
cd ..
ls work
rm work/f.txt
cat work/f.txt
echo x > nodir/file
grep -c . notes.txt pod.yaml
