#!/usr/bin/env bash
# The AWS rollout call budget (docs/BENCHMARKS.md, "AWS rollout against moto"): POOLS pools of
# MACHINES machines are created on a fresh moto server, every image changes, and one apply rolls
# them with Poolform's own engine; the SDK calls of that apply are counted by operation.
#   bench/aws-rollout.sh [JAR...]     (default cli/target/poolform.jar; build it first)
# Each jar gets its own moto server. Give an older build's jar as well to measure it side by side,
# alternating runs (ROUNDS, default 1) so that both see the same load.
# POOLS (100), MACHINES (2), PARALLELISM (10) and POLL_MS (2000, the CLI's default) are settings.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 0 ] && set -- "$ROOT/cli/target/poolform.jar"
echo "machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1)"
for round in $(seq "${ROUNDS:=1}"); do
  for jar in "$@"; do
    echo "== round $round: $jar (load $(cut -d' ' -f1-3 /proc/loadavg))"
    java -cp "$jar" -Dmoto.script="$ROOT/testing/moto/src/main/python/poolform_moto.py" \
      "$ROOT/bench/AwsRolloutBench.java" "${POOLS:-100}" "${MACHINES:-2}" "${PARALLELISM:-10}" \
      "${POLL_MS:-2000}" 2>&1 | grep -v '^SLF4J'
  done
done
