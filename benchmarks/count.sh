#!/bin/sh
# Per-load instruction count of a count_loads.py mode: (N=105 - N=5) / 100.
cd "$(dirname "$0")/.." || exit 1
py=${PYTHON:-.venv/bin/python}
run() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$py" benchmarks/count_loads.py "$1" "$2" 2>&1 | sed -n 's/.*Collected : *//p'; }
for mode in "$@"; do
  a=$(run "$mode" 5); b=$(run "$mode" 105)
  echo "$mode: $(( (b - a) / 100 )) instructions per load"
done
