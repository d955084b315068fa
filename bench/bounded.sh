#!/usr/bin/env bash
# Bounded evaluation (docs/BENCHMARKS.md#bounded-evaluation): cold `./pool validate` of inputs made
# to be slow, side by side in one hyperfine run. Issue 17's bars: every input of at most 64 KiB
# validates in at most 2 s; a million pools validate in at most 5 s or are refused by a limit.
#   doubling   a list nested in itself twice, 60 times, then compared and formatted (issue 17)
#   million    one loop stamping 1,000,000 pools (issue 17; refused at the 10,000-pool limit)
#   steps      a million iterations comparing a 100-element list (refused at the step limit)
#   10k-pools  one loop stamping 10,000 pools (at the pool limit: accepted)
#   64k-file   64 KiB of written-out pools (bench/Generate.java)
# The anchor is ./pool validate examples/quickstart.pool. Usage: RUNS=5 bench/bounded.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bounded.sh: hyperfine is not installed; skipped." >&2; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
body='capacity { min = 1  max = 3 }  machine { size = "small"  image = "ubuntu-24.04" }'
{
  echo 'cloud local dev {}'; echo 'let l0 = [1, 2]'
  for i in $(seq 1 60); do echo "let l$i = [l$((i - 1)), l$((i - 1))]"; done
  echo 'let same = l60 == l60'; echo 'let text = format("%v", l60)'
} > "$work/doubling.pool"
printf 'cloud local dev {}\nfor i in range(1000000) { pool "p-${i}" on dev { %s } }\n' "$body" > "$work/million.pool"
printf 'cloud local dev {}\nlet h = range(100)\nfor i in range(1000000) { let same = h == h }\n' > "$work/steps.pool"
printf 'cloud local dev {}\nfor i in range(10000) { pool "p-${i}" on dev { %s } }\n' "$body" > "$work/10k.pool"
# As many generated pools as fit in 64 KiB: sized from 1,000 of them, then trimmed.
java bench/Generate.java 1000 "$work/64k.pool"
n=$(( (65536 - 1024) * 1000 / $(stat -c %s "$work/64k.pool") ))
java bench/Generate.java "$n" "$work/64k.pool"
while [[ $(stat -c %s "$work/64k.pool") -gt 65536 ]]; do n=$((n - 5)); java bench/Generate.java "$n" "$work/64k.pool"; done

./pool version >/dev/null   # builds the jar and records the class-data-sharing archive when needed
echo "== machine: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg); 64k-file: $n pools, $(stat -c %s "$work/64k.pool") bytes"
for f in doubling million steps 10k 64k; do
  printf '%-9s exit %s: ' "$f" "$(./pool validate "$work/$f.pool" >/dev/null 2>"$work/$f.err"; echo $?)"
  grep -m1 -o 'E0314\].*' "$work/$f.err" | cut -c1-90 || echo "valid"
done
hyperfine -N -i --warmup 1 --runs "${RUNS:-5}" --style none --export-json "$work/r.json" \
  -n quickstart "./pool validate examples/quickstart.pool" \
  -n doubling "./pool validate $work/doubling.pool" -n million "./pool validate $work/million.pool" \
  -n steps "./pool validate $work/steps.pool" -n 10k-pools "./pool validate $work/10k.pool" \
  -n 64k-file "./pool validate $work/64k.pool" >/dev/null
python3 bench/startup/summary.py "$work/r.json"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
