"""Summarises hyperfine --export-json results: wall (mean, median, min), CPU (user+sys mean),
and each command's ratio to the first command's (the anchor's) median, minimum and CPU."""
import json
import statistics
import sys

results = json.load(open(sys.argv[1]))["results"]
anchor = results[0]
a_med, a_min = statistics.median(anchor["times"]), min(anchor["times"])
a_cpu = anchor["user"] + anchor["system"]
print(f"{'command':<34} {'wall mean':>10} {'median':>8} {'min':>8} {'CPU mean':>9} {'/anchor median':>15} {'/anchor min':>12} {'/anchor CPU':>12}")
for r in results:
    t = r["times"]
    cpu = (r["user"] + r["system"]) * 1000
    print(f"{r['command_name'] if 'command_name' in r else r['command'][:34]:<34} "
          f"{r['mean']*1000:8.0f}ms {statistics.median(t)*1000:6.0f}ms {min(t)*1000:6.0f}ms {cpu:7.0f}ms "
          f"{statistics.median(t)/a_med:14.2f}x {min(t)/a_min:11.2f}x "
          f"{(r['user'] + r['system'])/a_cpu:11.2f}x")
