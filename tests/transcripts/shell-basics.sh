# Words, quotes, variables and status
echo 'single $quoted' "double $HOME" back\ slash
NAME=rickroller; echo "name=$NAME, braces=${NAME}-x"
export NS=test
env | grep NS
echo $?
nope --flag
echo "status was $?"
false || echo "false failed" && echo "and went on"
true && echo ok; echo "after semicolon"
# comments at the end of a line are ignored # like this
echo ~/kube
alias k='echo kubectl'
k get pods
alias
which grep kubectl
echo $(echo nested $(echo inner)) `echo backticks`
echo "multi
line"
echo a \
  b \
  c
printf '%s=%d\n' one 1 two 2
seq 3 | tr '\n' ' '; echo
echo aGVsbG8K | base64 -d
date
