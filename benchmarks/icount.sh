#!/bin/sh
# Instructions per load, counted by callgrind (independent of how busy the machine is):
# the script runs with N=5 and N=105 as its last argument; the difference / 100 is printed.
#
#   benchmarks/icount.sh count_loads.py seed          # full loads of sample 000
#   benchmarks/icount.sh count_loads.py stats-corpus  # statistics stage, distinct reports
#   benchmarks/icount.sh frontend.py count-front seed001
cd "$(dirname "$0")/.." || exit 1
py=${PYTHON:-.venv/bin/python}
script=$1
shift
run() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$py" "benchmarks/$script" "$@" 2>&1 \
    | sed -n 's/.*Collected : *//p'
}
a=$(run "$@" 5)
b=$(run "$@" 105)
echo "$script $*: $(( (b - a) / 100 )) instructions per load"
