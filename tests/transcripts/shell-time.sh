# Virtual time: sleep, timeout, background jobs
date +%T
sleep 30
date +%T
sleep 5 && echo "slept 5"
timeout 2 sleep 10; echo "timeout status $?"
sleep 1000000; date
sleep 20 &
jobs
sleep 30
echo "after the background job"
sleep 100 &
kill %1
kill %7
sleep x
# an interrupted stage still feeds the rest of its pipeline
timeout 3 sleep 10 | echo "downstream ran"; echo "status $?"
