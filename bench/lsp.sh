#!/usr/bin/env bash
# Language server benchmark (not part of `mvn verify`): how long after an edit of a 1,000-pool file
# `pool lsp` publishes the new diagnostics, warm; and, side by side in the same run, the warm
# compile of the same file without a server (bench/CompileBench.java), which is the floor.
# docs/BENCHMARKS.md records the numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
./pool version >/dev/null          # builds the jar when needed
out=bench/results
mkdir -p "$out"
java bench/Generate.java "${POOLS:=1000}" "$out/pools-$POOLS.pool"

echo "== machine"
echo "date:   $(date -u +%Y-%m-%dT%H:%MZ)"
echo "cpus:   $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "java:   $(java -version 2>&1 | head -1)"
echo "load:   $(cut -d" " -f1-3 /proc/loadavg) (1/5/15-minute load average; other work shares the CPUs)"

echo "== pool lsp: edit -> diagnostics, $POOLS pools"
java -cp cli/target/poolform.jar bench/LspBench.java "$out/pools-$POOLS.pool" "${WARMUP:=30}" "${EDITS:=40}"

echo "== the same file compiled in one JVM, no server (${WARMUP} warm-up, 10 measured)"
java -Xmx2g -cp cli/target/poolform.jar bench/CompileBench.java "$WARMUP" 10 "$out/pools-$POOLS.pool"
echo "load after: $(cut -d" " -f1-3 /proc/loadavg)"
