#!/bin/sh
# Instructions per report: callgrind at N=105 and N=5, difference / 100.
# usage: benchmarks/icount.sh MODE KIND   (MODE: count or count-front; KIND: seed000, seed001, corpus)
cd "$(dirname "$0")/.."
c() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python benchmarks/frontend.py "$1" "$2" "$3" 2>&1 \
    | sed -n 's/.*Collected : *//p'
}
a=$(c "$1" "$2" 105); b=$(c "$1" "$2" 5)
echo "$1 $2: $(( (a - b) / 100 )) instructions per report"
