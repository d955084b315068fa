#!/usr/bin/env bash
# Cold start, side by side in one hyperfine run (docs/BENCHMARKS.md#cold-start):
#   hello   a Hello World under the launcher's JVM flags (the anchor)
#   java    the java command line ./pool runs for `validate examples/quickstart.pool`
#   ./pool  the same through the launcher (bash, its staleness check, then that java)
#   launcher the launcher alone: `POOLFORM_LAUNCH=print ./pool validate ...` (through env, about
#           half a millisecond more), what ./pool adds before java starts
#   no-cds  the java command line without the class-data-sharing archive
#   picocli the java command line for `validate -- FILE`: the same check parsed by picocli (a plain
#           `validate FILE` skips picocli, docs/cli.md#the-launcher)
# for each Java in JAVA_HOMES (default: JAVA_HOME, else the java on the PATH). The bar (issue 17):
# ./pool validate at most 2x the Hello World. Needs hyperfine (apt-get install hyperfine).
# Usage: RUNS=30 JAVA_HOMES="/usr/lib/jvm/java-17 /usr/lib/jvm/jdk-25" bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "startup.sh: hyperfine is not installed; skipped." >&2; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work" --release 17 bench/startup/Hello.java
quickstart=examples/quickstart.pool

echo "== machine: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%Y-%m-%dT%H:%MZ)"
homes=(${JAVA_HOMES:-${JAVA_HOME:-default}})
for home in "${homes[@]}"; do
  if [[ "$home" == default ]]; then unset JAVA_HOME; else export JAVA_HOME="$home"; fi
  ./pool validate "$quickstart" >/dev/null   # builds the jar and records the archive when needed
  eval "pool_cmd=($(POOLFORM_LAUNCH=print ./pool validate "$quickstart"))"
  eval "plain_cmd=($(POOLFORM_NO_CDS=1 POOLFORM_LAUNCH=print ./pool validate "$quickstart"))"
  # The anchor: the launcher's flags without the archive (it is Poolform's) and the jar.
  hello=("${plain_cmd[0]}")
  for a in "${plain_cmd[@]:1}"; do [[ "$a" == -cp ]] && break; hello+=("$a"); done
  hello+=(-cp "$work" Hello)
  # The java command line for `validate -- FILE`: the same check, parsed by picocli (on Java 25
  # with the compiler's cache, not the plain validate's: docs/cli.md#the-launcher).
  eval "picocli=($(POOLFORM_LAUNCH=print ./pool validate -- "$quickstart"))"
  echo "== $("${pool_cmd[0]}" -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ "${POOLFORM_NO_BUILD:-}" == 1 ]]; then
    echo "== POOLFORM_NO_BUILD=1: ./pool and launcher are timed without the staleness check"
  fi
  nice -n "${NICE:-0}" hyperfine -N --warmup 3 --runs "${RUNS:-30}" --style none --export-json "$work/r.json" \
    -n hello "${hello[*]}" -n java "${pool_cmd[*]}" -n ./pool "./pool validate $quickstart" \
    -n no-cds "${plain_cmd[*]}" -n picocli "${picocli[*]}" \
    -n launcher "env POOLFORM_LAUNCH=print ./pool validate $quickstart" >/dev/null
  python3 bench/startup/summary.py "$work/r.json"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
