#!/usr/bin/env bash
# The call budget of an Azure rollout (not part of `mvn verify`): 100 pools x 2 machines get a new
# image through Poolform's engine against the ARM emulator with its throttling on (Compute's and
# ARM's token buckets in real time), for Flexible and then Uniform scale sets. Prints the calls per
# replaced machine, the calls by operation, the 429s (the run fails on any) and the lowest share of
# every throttling policy; docs/BENCHMARKS.md records them. Takes several minutes.
#
#   bench/azure-rollout.sh                   # 100 pools, Flexible and Uniform
#   POOLS=20 FLEXIBLE_ONLY=true bench/azure-rollout.sh
#   ONLY=uniform bench/azure-rollout.sh      # one mode: flexible or uniform
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== machine"
echo "date:   $(date -u +%Y-%m-%dT%H:%MZ)"
echo "cpus:   $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "java:   $(java -version 2>&1 | head -1)"
echo "load:   $(cut -d" " -f1-3 /proc/loadavg) (1/5/15-minute load average; other work shares the CPUs)"
./mvnw -B -q -o -pl providers/azure -am test \
  -Dpoolform.bench=true -Dtest=AzureRolloutBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.pools="${POOLS:-100}" -Dbench.flexibleOnly="${FLEXIBLE_ONLY:-false}" -Dbench.only="${ONLY:-}"
echo "== results"
cat "${TMPDIR:-/tmp}/azure-rollout-bench.txt"
