#!/usr/bin/env bash
# Registration throughput on PostgreSQL: single registrations (wrk, 4 connections, a new Alation job id per
# request) and batches of 500 (4 clients posting at once), on an empty database of its own (bench_registrations,
# created and dropped here), polling off, rate limit off. Needs ./mvnw compile, wrk, psql and curl.
#   BENCH_SECONDS=10 BENCH_BATCHES=40 bench/registrations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB=bench_registrations
SECONDS_EACH=${BENCH_SECONDS:-10}
BATCHES=${BENCH_BATCHES:-40}
PORT=${BENCH_PORT:-18091}
KEY=bench-registrations-key
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
WORK=target/bench-registrations
mkdir -p "$WORK"
CP=$(bench/classpath.sh)
dropdb --if-exists "$DB"; createdb "$DB"
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
(cd "$WORK" && exec java -Xms512m -Xmx512m -cp "$CP" io.github.alationgateway.GatewayApplication \
  --server.port="$PORT" --spring.datasource.url="jdbc:postgresql://$PGHOST:5432/$DB" \
  --spring.datasource.username="$PGUSER" >gateway.log 2>&1) &
GATEWAY=$!
trap 'kill $GATEWAY; wait $GATEWAY 2>/dev/null || true; dropdb --if-exists "$DB"' EXIT
until grep -q "Started GatewayApplication" "$WORK/gateway.log" 2>/dev/null; do
  kill -0 $GATEWAY 2>/dev/null || { tail -40 "$WORK/gateway.log"; exit 1; }
  sleep 0.5
done
BASE="http://127.0.0.1:$PORT"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

cat >"$WORK/single.lua" <<'LUA'
counter = 0
wrk.headers["Content-Type"] = "application/json"
local thread_id = 0
setup = function(thread) thread_id = thread_id + 1; thread:set("base", thread_id * 100000000) end
request = function()
  counter = counter + 1
  local body = '{"instance": "prod", "response": {"job_id": ' .. (base + counter) .. '}, "labels": {"pipeline": "p7"}}'
  -- nil headers: wrk then sends its own, which hold the -H Authorization and this Content-Type.
  return wrk.format("POST", "/api/v1/jobs", nil, body)
end
LUA
# Warm-up: the first calls pay for class loading and JIT, which is not what is measured.
wrk -t2 -c4 -d5s -H "Authorization: Bearer $KEY" -s "$WORK/single.lua" "$BASE" >/dev/null
out=$(wrk -t2 -c4 -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $KEY" -s "$WORK/single.lua" "$BASE")
echo "single registrations: $(awk '/Requests\/sec/{print $2}' <<<"$out")/s, p50 $(awk '$1=="50%"{print $2}' <<<"$out"), p99 $(awk '$1=="99%"{print $2}' <<<"$out"), non-2xx: $(awk '/Non-2xx/{print $5}' <<<"$out")"

# Batches of 500 new jobs each, 4 clients at once.
python3 - "$BATCHES" "$WORK" <<'PY'
import json, sys
for b in range(1, int(sys.argv[1]) + 1):
    items = [{"instance": "prod", "response": {"job_id": 900000000 + b * 1000 + i}, "labels": {"pipeline": "p7"}}
             for i in range(500)]
    with open(f"{sys.argv[2]}/batch-{b}.json", "w") as f:
        json.dump({"items": items}, f)
PY
start=$(date +%s.%N)
seq 1 "$BATCHES" | xargs -P4 -I{} curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: application/json' --data-binary @"$WORK/batch-{}.json" "$BASE/api/v1/jobs/batch" >"$WORK/codes.txt"
end=$(date +%s.%N)
created=$(psql -qAt -d "$DB" -c "select count(*) from jobs where alation_job_id >= 900000000")
echo "batches of 500: $created registered in $(echo "$end - $start" | bc) s = $(echo "$created / ($end - $start)" | bc)/s; answers: $(sort "$WORK/codes.txt" | uniq -c | tr '\n' ' ')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
