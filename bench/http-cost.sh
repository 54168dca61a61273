#!/usr/bin/env bash
# What the HTTP stack costs: CPU of the gateway's JVM per request (utime + stime from /proc/<pid>/stat, before and
# after, over the requests wrk counted) and calls/s for the three calls that show it: the liveness probe (the stack
# with nothing behind it), GET /api/v1/jobs/{id} with an API key, and single registrations. On a fresh H2 file,
# polling off, rate limit off, 4 connections. The three calls take turns for BENCH_WARMUP seconds first (the JIT
# needs 3-4 minutes of load here before its code settles), then each is measured for BENCH_SECONDS.
# BENCH_JFR=1 also records with JFR (settings=profile, from the start: starting it on the warm JVM redefines classes
# and throws compiled code away) into target/bench-http-cost/bench.jfr; each measured line then says when it ran.
# Needs ./mvnw compile, wrk, curl, python3. Run it under the CPU lock:
#   flock -x /work/coord/cpu.lock bench/http-cost.sh
#   BENCH_WARMUP=180 BENCH_SECONDS=20 BENCH_JFR=1 flock -x /work/coord/cpu.lock bench/http-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${BENCH_SECONDS:-20}
WARMUP=${BENCH_WARMUP:-180}
CONNECTIONS=${BENCH_CONNECTIONS:-4}
PORT=${BENCH_PORT:-18092}
KEY=bench-http-cost-key
WORK=target/bench-http-cost
mkdir -p "$WORK"
rm -rf "$WORK/data" "$WORK/bench.jfr"
jfr=()
[ "${BENCH_JFR:-0}" = 1 ] && jfr=(-XX:StartFlightRecording=name=bench,settings=profile)
CP=$(bench/classpath.sh)
cat >"$WORK/application.yml" <<YML
gateway:
  poll: {enabled: false}
  instances:
    prod: {base-url: "http://127.0.0.1:9", access-token: unused}
  security:
    api-keys:
      - {name: bench, key: $KEY, role: admin}
    rate-limit: {requests-per-second: 0}
YML
. bench/lib.sh
trap stop_gateway EXIT
start_gateway "$WORK" gateway.log -Xms512m -Xmx512m -XX:FlightRecorderOptions:stackdepth=256 "${jfr[@]}" -cp "$CP" \
  io.github.alationgateway.GatewayApplication --server.port="$PORT" --spring.datasource.url="jdbc:h2:file:./data/http-cost"
BASE="http://127.0.0.1:$PORT"
echo "$(git log -1 --format='%h %s' | cut -c1-80)"
echo "H2, $CONNECTIONS connections, $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

cat >"$WORK/register.lua" <<'LUA'
-- A new Alation job id per request: the first argument picks a range per wrk run, the thread one inside it.
counter = 0
wrk.headers["Content-Type"] = "application/json"
setup = function(thread)
  threads_set_up = (threads_set_up or 0) + 1
  thread:set("tid", threads_set_up)
end
init = function(args) base = tonumber(args[1]) * 100000000 + tid * 10000000 end
request = function()
  counter = counter + 1
  local body = '{"instance": "prod", "response": {"job_id": ' .. (base + counter) .. '}, "labels": {"pipeline": "p7"}}'
  return wrk.format("POST", "/api/v1/jobs", nil, body)
end
LUA
# 2,000 jobs to read, registered before anything is timed.
python3 - "$BASE" "$KEY" "$WORK/ids.txt" <<'PY'
import json, sys, urllib.request
base, key, out = sys.argv[1:]
ids = []
for i in range(2000):
    body = json.dumps({"instance": "prod", "response": {"job_id": 10 + i}, "labels": {"pipeline": "p7"}}).encode()
    request = urllib.request.Request(base + "/api/v1/jobs", body, method="POST", headers={
        "Authorization": "Bearer " + key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        ids.append(json.load(answer)["id"])
open(out, "w").write("\n".join(ids) + "\n")
PY
{
  echo "ids = {}"
  sed 's/.*/ids[#ids + 1] = "&"/' "$WORK/ids.txt"
  cat <<'LUA'
math.randomseed(os.time())
request = function() return wrk.format("GET", "/api/v1/jobs/" .. ids[math.random(#ids)]) end
LUA
} >"$WORK/get.lua"

load() { # seconds, call, wrk run number (keeps registrations new)
  case $2 in
    liveness) wrk -t2 -c"$CONNECTIONS" -d"$1s" --latency "$BASE/actuator/health/liveness" ;;
    get) wrk -t2 -c"$CONNECTIONS" -d"$1s" --latency -H "Authorization: Bearer $KEY" -s "$WORK/get.lua" "$BASE" ;;
    register) wrk -t2 -c"$CONNECTIONS" -d"$1s" --latency -H "Authorization: Bearer $KEY" -s "$WORK/register.lua" \
      "$BASE" -- "$3" ;;
  esac
}
# Turns, so that no call's compiled code is left to one early burst of its own.
run=1
for round in 1 2 3; do
  for call in liveness get register; do
    load $((WARMUP / 9)) $call $((run++)) >/dev/null
  done
done
echo "warm-up: ${WARMUP} s, load $(cut -d' ' -f1-3 /proc/loadavg)"

ticks() { awk '{print $14 + $15}' /proc/$GATEWAY/stat; }
HZ=$(getconf CLK_TCK)
echo
echo "| call | calls/s | CPU per call | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
for call in liveness get register; do
  before=$(ticks) from=$(date -u +%T)
  out=$(load "$SECONDS_EACH" $call $((run++)))
  cpu=$(($(ticks) - before))
  requests=$(awk '/requests in/{print $1}' <<<"$out")
  echo "| $call | $(awk '/Requests\/sec/{print $2}' <<<"$out") |" \
    "$(echo "scale=0; $cpu * 1000000 / $HZ / $requests" | bc) µs |" \
    "$(awk '$1=="50%"{print $2}' <<<"$out") | $(awk '$1=="99%"{print $2}' <<<"$out") |" \
    "$(awk '/Non-2xx/{print $5}' <<<"$out" | grep . || echo 0) |" \
    "$([ "${BENCH_JFR:-0}" = 1 ] && echo "$from-$(date -u +%T) |")"
done
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd $GATEWAY JFR.dump name=bench filename="$PWD/$WORK/bench.jfr" >/dev/null
  echo "JFR: $WORK/bench.jfr"
fi
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
