#!/bin/sh
# Instructions per load, counted by callgrind (independent of how busy the machine is):
# the script runs with N=5 and N=105 as its last argument; the difference / 100 is printed.
#
#   benchmarks/icount.sh count_loads.py seed          # full loads of sample 000
#   benchmarks/icount.sh count_loads.py stats-corpus  # statistics stage, distinct reports
#   benchmarks/icount.sh frontend.py count-front seed001
#   IN=gipparse.pipeline:split_blocks benchmarks/icount.sh count_loads.py seed3
#                                                     # inside one function only (see count_loads.py)
cd "$(dirname "$0")/.." || exit 1
py=${PYTHON:-.venv/bin/python}
# String hashing is salted per process: the same tree counts tens of thousands of
# instructions apart from run to run unless the salt is fixed.
PYTHONHASHSEED=${PYTHONHASHSEED:-0}
export PYTHONHASHSEED
script=$1
shift
only=
if [ -n "${IN:-}" ]; then
  only="--collect-atstart=no --toggle-collect=_PyEval_CallTracing"
  COUNT_IN=$IN
  export COUNT_IN
fi
run() {
  # shellcheck disable=SC2086
  valgrind --tool=callgrind --callgrind-out-file=/dev/null $only "$py" "benchmarks/$script" "$@" 2>&1 \
    | sed -n 's/.*Collected : *//p'
}
# One run first, uncounted: a module whose bytecode is not written yet (the benchmark's own
# helpers, a module imported late) is compiled by the first run that imports it, and
# only the smaller count would pay it, taking tens of thousands of instructions off
# each load.
"$py" "benchmarks/$script" "$@" 5 >/dev/null
a=$(run "$@" 5)
b=$(run "$@" 105)
echo "$script $*${IN:+ in $IN}: $(( (b - a) / 100 )) instructions per load"
