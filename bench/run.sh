#!/usr/bin/env bash
# Compiler benchmarks (not part of `mvn verify`): warm compile of generated 1,000- and 10,000-pool
# configurations side by side with Jackson reading the same pools as Cluster API YAML, and cold `./pool validate examples/quickstart.pool` wall time. Prints the numbers
# and the machine; docs/BENCHMARKS.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
./pool version >/dev/null          # builds the jar (and records the CDS archive) when needed
out=bench/results
mkdir -p "$out"
for n in 1000 10000; do java bench/Generate.java "$n" "$out/pools-$n.pool" "$out/pools-$n.yaml"; done

echo "== machine"
echo "date:   $(date -u +%Y-%m-%dT%H:%MZ)"
echo "cpus:   $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "java:   $(java -version 2>&1 | head -1)"
echo "load:   $(cut -d" " -f1-3 /proc/loadavg) (1/5/15-minute load average; other work shares the CPUs)"

echo "== warm compile (${WARMUP:=10} warm-up, ${ITERATIONS:=10} measured iterations)"
java -Xmx2g -cp cli/target/poolform.jar bench/CompileBench.java "$WARMUP" "$ITERATIONS" \
  "$out/pools-1000.pool" "$out/pools-10000.pool"

echo "== cold ./pool validate examples/quickstart.pool"
./pool validate examples/quickstart.pool >/dev/null   # make sure the CDS archive exists
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "${RUNS:=20}" --style basic './pool validate examples/quickstart.pool'
  POOLFORM_NO_CDS=1 hyperfine --warmup 2 --runs "$RUNS" --style basic 'POOLFORM_NO_CDS=1 ./pool validate examples/quickstart.pool'
else
  for cds in 0 1; do
    total=0; runs=${RUNS:=20}
    for _ in $(seq "$runs"); do
      s=$(date +%s%N); POOLFORM_NO_CDS=$cds ./pool validate examples/quickstart.pool >/dev/null; e=$(date +%s%N)
      total=$((total + e - s))
    done
    echo "POOLFORM_NO_CDS=$cds: mean $((total / runs / 1000000)) ms over $runs runs"
  done
fi
