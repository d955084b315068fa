#!/usr/bin/env bash
# Runtime benchmark on the local cloud (docs/BENCHMARKS.md, "Runtime on the local cloud").
#   1. plan, apply and no-change plan of 1,000 and of 10,000 pools, side by side (boot_time 0s:
#      measures Poolform, not the simulated boot); the bars: apply of 10,000 <= 10x apply of
#      1,000, no-change plan of 10,000 <= 5 s.
#   2. apply of 100 pools with --parallelism 10 vs 1, boot_time 500ms (the work is waiting,
#      as on a real cloud); the bar is p10 < p1 / 5.
# Usage: bench/runtime-local.sh [JAR]   (default cli/target/poolform.jar; build it first)
#   SIZES="1000 10000" (the default) sets the fleet sizes; PARALLELISM=0 skips part 2.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${1:-$ROOT/cli/target/poolform.jar}
# The launcher's JVM flags (./pool: one GC thread, C1 only), without its class-data archive.
POOL="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=4 -jar $JAR"
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
run() { # run LABEL CMD...   (sets LAST to the wall seconds it took; prints wall and CPU)
  local label=$1; shift
  local t0 t1; t0=$(secs)
  /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$@" > "$WORK/last.out" 2>&1 || { cat "$WORK/last.out"; exit 1; }
  t1=$(secs)
  LAST=$(python3 -c "print(round($t1 - $t0, 2))")
  python3 -c "u, s = open('$WORK/cpu').read().split()[-2:]; print(f'%-44s %8.2f s wall %7.2f s CPU' % ('$label', $LAST, float(u) + float(s)))"
}

echo "machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A APPLY PLAN
for n in ${SIZES:-1000 10000}; do
  gen "$WORK/k$n" "$n" 0s
  cd "$WORK/k$n"
  run "plan, $n pools (nothing applied yet)"  $POOL plan main.pool
  run "apply, $n pools created"               $POOL apply --auto-approve main.pool
  APPLY[$n]=$LAST
  run "plan, $n pools (no changes)"           $POOL plan --detailed-exitcode main.pool
  PLAN[$n]=$LAST
  ls "$WORK/k$n" | grep -q journal && { echo "a journal was left behind"; exit 1; }
done
if [[ -n "${APPLY[1000]:-}" && -n "${APPLY[10000]:-}" ]]; then
  python3 -c "print('apply 10,000 / apply 1,000: %.2f (bar <= 10)' % (${APPLY[10000]} / ${APPLY[1000]}))"
  python3 -c "print('no-change plan, 10,000 pools: %.2f s (bar <= 5 s)' % ${PLAN[10000]})"
fi

[[ "${PARALLELISM:-1}" == 0 ]] && exit 0
for p in 10 1; do
  gen "$WORK/p$p" 100 500ms
  cd "$WORK/p$p"
  run "apply, 100 pools, boot 500ms, --parallelism $p" $POOL apply --auto-approve --parallelism "$p" main.pool
done
