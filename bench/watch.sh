#!/usr/bin/env bash
# The cost of one idle interval of `pool watch` over N pools (docs/BENCHMARKS.md#pool-watch-one-idle-interval-issue-14):
# N pools applied, then a `pool watch --interval I --metrics` that has nothing to correct runs for
# TICKS refreshes. Per refresh: cloud requests (the watch's own counter, checked against the
# requests the cloud saw), CPU of the watch process (from /proc, user + system) and wall time of
# the refresh (its histogram). Side by side, a `pool plan` of the same pools with the requests the
# cloud saw for it: issue 14's bar is that a refresh costs no more cloud calls than a plan.
#   local   the built-in local cloud (no API: CPU and wall only)
#   moto    AWS Auto Scaling and EC2 emulated by moto (python3 with moto 5.2.1)
# Usage: N=1000 TICKS=10 INTERVAL=5s bench/watch.sh [local|moto]...   (default: both)
#        JAR=path/to/poolform.jar bench/watch.sh ...   runs that jar instead of ./pool
set -euo pipefail
[[ -x /usr/bin/time ]] || { echo "watch.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 0; }
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${N:-1000}
ticks=${TICKS:-10}
interval=${INTERVAL:-5s}
clouds=("$@")
[[ ${#clouds[@]} -eq 0 ]] && clouds=(local moto)
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=eu-west-1
export POOLFORM_POLL_INTERVAL=50ms
if [[ -n ${JAR:-} ]]; then
  pool=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=4 -jar "$JAR")
else
  pool=("$root/pool")
  ./pool version >/dev/null   # builds the jar when needed
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
metric() { # metric PORT PREFIX: the sum of the samples whose line starts with PREFIX
  curl -s "http://127.0.0.1:$1/metrics" | awk -v p="$2" 'index($0, p) == 1 { s += $NF } END { printf "%.6f\n", s + 0 }'
}
cpu_seconds() { # user + system CPU of a process and its threads
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f\n", ($14 + $15) / hz }' "/proc/$1/stat"
}
moto_requests() { grep -c '" 200 \|" 400 \|" 500 \|" 503 ' "$1" || true; }

gen() { # gen DIR CLOUD-BLOCK MACHINE-BLOCK
  mkdir -p "$1"
  {
    printf '%s\n' "$2"
    printf 'for i in range(%d) {\n  pool "p-${i}" on bench {\n' "$n"
    printf '    capacity { min = 1  max = 3  desired = 1 }\n'
    printf '    machine  { %s }\n' "$3"
    printf '  }\n}\n'
  } > "$1/main.pool"
}

echo "== machine: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
for cloud in "${clouds[@]}"; do
  dir="$work/$cloud"
  log=
  case $cloud in
    local)
      gen "$dir" 'cloud local bench { boot_time = 0s }' 'size = "small"  image = "img-1"' ;;
    moto)
      python3 -c 'import moto.server' 2>/dev/null || { echo "watch.sh: python3 cannot import moto; moto skipped." >&2; continue; }
      port=$(free_port)
      log="$work/moto.log"
      python3 testing/moto/src/main/python/poolform_moto.py -H 127.0.0.1 -p "$port" > "$log" 2>&1 &
      pids+=($!)
      for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/" && break; sleep 0.2; done
      gen "$dir" "cloud aws bench {
  region   = \"eu-west-1\"
  endpoint = \"http://127.0.0.1:$port\"
}" 'size = "t3.micro"  image = "ami-0abcdef1234567890"  zones = ["eu-west-1a"]' ;;
    *) echo "watch.sh: no cloud $cloud (local, moto)" >&2; exit 2 ;;
  esac
  cd "$dir"
  t0=$(date +%s.%N)
  "${pool[@]}" apply --auto-approve --parallelism 10 main.pool > apply.out 2>&1 || { tail -20 apply.out >&2; exit 1; }
  echo "== $cloud: apply of $n pools $(echo "$(date +%s.%N) - $t0" | bc) s; load $(cut -d' ' -f1-3 /proc/loadavg)"

  plan_requests=-
  [[ -n $log ]] && before=$(moto_requests "$log")
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o plan.cpu "${pool[@]}" plan --detailed-exitcode main.pool > plan.out 2>&1 ||
    { echo "watch.sh: the plan is not empty:" >&2; tail -20 plan.out >&2; exit 1; }
  plan_cpu=$(awk '{ print $1 + $2 }' plan.cpu)
  plan_wall=$(echo "$(date +%s.%N) - $t0" | bc)
  [[ -n $log ]] && plan_requests=$(( $(moto_requests "$log") - before ))

  mport=$(free_port)
  "${pool[@]}" watch --interval "$interval" --apply --metrics "127.0.0.1:$mport" --json main.pool > watch.out 2>&1 &
  wpid=$!
  pids+=($wpid)
  count() { metric "$mport" 'poolform_refresh_duration_seconds_count'; }
  for _ in $(seq 600); do [[ $(count 2>/dev/null || echo 0) != 0.000000 ]] && break; sleep 0.5; done
  # The first refresh warms the JVM: measure from the end of the second.
  until (( $(printf '%.0f' "$(count)") >= 2 )); do sleep 0.2; done
  javapid=$(pgrep -P "$wpid" java || echo "$wpid")
  r0=$(count); c0=$(cpu_seconds "$javapid"); s0=$(metric "$mport" 'poolform_refresh_duration_seconds_sum')
  q0=$(metric "$mport" 'poolform_cloud_requests_total{'); [[ -n $log ]] && m0=$(moto_requests "$log")
  until (( $(printf '%.0f' "$(count)") >= $(printf '%.0f' "$r0") + ticks )); do sleep 0.2; done
  r1=$(count); c1=$(cpu_seconds "$javapid"); s1=$(metric "$mport" 'poolform_refresh_duration_seconds_sum')
  q1=$(metric "$mport" 'poolform_cloud_requests_total{'); [[ -n $log ]] && m1=$(moto_requests "$log")
  kill -TERM "$wpid"; wait "$wpid" || true
  grep -q '"type":"apply_started"' watch.out && { echo "watch.sh: the watch corrected something; not idle" >&2; exit 1; }
  python3 - "$cloud" "$n" "$r0" "$r1" "$c0" "$c1" "$s0" "$s1" "$q0" "$q1" "${m0:-0}" "${m1:-0}" "$plan_requests" "$plan_wall" "$plan_cpu" <<'EOF'
import sys
cloud, n = sys.argv[1], int(sys.argv[2])
r0, r1, c0, c1, s0, s1, q0, q1, m0, m1 = map(float, sys.argv[3:13])
plan_requests, plan_wall, plan_cpu = sys.argv[13], float(sys.argv[14]), float(sys.argv[15])
k = r1 - r0
print(f"{cloud}, {n} pools, {k:.0f} idle refreshes: per refresh {(s1 - s0) / k * 1000:.0f} ms wall, "
      f"{(c1 - c0) / k * 1000:.0f} ms CPU of the watch process (between refreshes included)")
if plan_requests != "-":
    print(f"  cloud requests per refresh: {(q1 - q0) / k:.1f} counted by the watch, {(m1 - m0) / k:.1f} "
          f"seen by moto; one plan: {plan_requests} requests, {plan_wall:.1f} s wall, "
          f"{plan_cpu:.1f} s CPU (a new JVM)")
else:
    print(f"  one plan: {plan_wall:.1f} s wall, {plan_cpu:.1f} s CPU (a new JVM)")
EOF
  echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  cd "$root"
done
