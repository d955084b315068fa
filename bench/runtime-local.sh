#!/usr/bin/env bash
# Runtime benchmark on the local cloud (docs/BENCHMARKS.md, "Runtime on the local cloud").
#   1. plan and apply of 1,000 pools (boot_time 0s: measures Poolform, not the simulated boot)
#   2. apply of 100 pools with --parallelism 10 vs 1, boot_time 500ms (the work is waiting,
#      as on a real cloud); the bar is p10 < p1 / 5.
# Usage: bench/runtime-local.sh [JAR]   (default cli/target/poolform.jar; build it first)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${1:-$ROOT/cli/target/poolform.jar}
POOL="java -XX:+UseSerialGC -jar $JAR"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

gen() { # gen DIR N BOOT
  local dir=$1 n=$2 boot=$3
  mkdir -p "$dir"
  {
    printf 'cloud local bench { boot_time = %s }\n' "$boot"
    printf 'for i in range(%d) {\n' "$n"
    printf '  pool "p-${i}" on bench {\n'
    printf '    capacity { min = 1  max = 3  desired = 1 }\n'
    printf '    machine  { size = "small"  image = "img-1" }\n'
    printf '  }\n}\n'
  } > "$dir/main.pool"
}

secs() { python3 -c "import time; print(time.time())"; }
run() { # run LABEL CMD...
  local label=$1; shift
  local t0 t1; t0=$(secs); "$@" > "$WORK/last.out" 2>&1 || { cat "$WORK/last.out"; exit 1; }; t1=$(secs)
  python3 -c "print(f'%-40s %8.2f s' % ('$label', $t1 - $t0))"
}

echo "machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
gen "$WORK/k" 1000 0s
cd "$WORK/k"
run "plan, 1000 pools (nothing applied yet)"  $POOL plan main.pool
run "apply, 1000 pools created"               $POOL apply --auto-approve main.pool
run "plan, 1000 pools (no changes)"           $POOL plan --detailed-exitcode main.pool

for p in 10 1; do
  gen "$WORK/p$p" 100 500ms
  cd "$WORK/p$p"
  run "apply, 100 pools, boot 500ms, --parallelism $p" $POOL apply --auto-approve --parallelism "$p" main.pool
done
