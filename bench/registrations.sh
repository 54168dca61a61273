#!/usr/bin/env bash
# Registration throughput: single registrations (wrk, BENCH_CONNECTIONS connections, a new Alation job id per
# request, after BENCH_WARMUP seconds of the same) and batches of 500 (4 clients posting at once), on an empty
# database of its own, polling off, rate limit off. PostgreSQL by default (bench_registrations, created and
# dropped here); BENCH_DATABASE=h2 runs on a fresh H2 file instead (issue 10 measured single registrations there).
# Needs ./mvnw compile, wrk, psql and curl.
#   BENCH_SECONDS=10 BENCH_BATCHES=40 bench/registrations.sh
#   BENCH_DATABASE=h2 BENCH_CONNECTIONS=4 bench/registrations.sh
# Batches alone, warmed by batches of their own (new jobs too) until the JIT has settled, with the CPU per item of
# the gateway and of the database's backends (from /proc, PostgreSQL only):
#   BENCH_SINGLE=off BENCH_BATCH_WARMUP=1200 BENCH_BATCHES=200 bench/registrations.sh
# BENCH_JFR=1 records with JFR from the start (settings=profile; starting it on a warm JVM throws compiled code away)
# and dumps target/bench-registrations/bench.jfr after the single registrations.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=bench_registrations
SECONDS_EACH=${BENCH_SECONDS:-10}
BATCHES=${BENCH_BATCHES:-40}
DATABASE=${BENCH_DATABASE:-postgres}
CONNECTIONS=${BENCH_CONNECTIONS:-4}
SINGLE=${BENCH_SINGLE:-on}
BATCH_WARMUP=${BENCH_BATCH_WARMUP:-0}
# The JIT needs a minute or more of this load before its code settles (jstat -compiler).
WARMUP=${BENCH_WARMUP:-60}
PORT=${BENCH_PORT:-18091}
KEY=bench-registrations-key
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
WORK=target/bench-registrations
mkdir -p "$WORK"
rm -f "$WORK/bench.jfr"
jfr=()
[ "${BENCH_JFR:-0}" = 1 ] && jfr=(-XX:FlightRecorderOptions:stackdepth=1024 -XX:StartFlightRecording=name=bench,settings=profile)
CP=$(bench/classpath.sh)
if [ "$DATABASE" = h2 ]; then
  rm -rf "$WORK/data"
  db_args=(--spring.datasource.url="jdbc:h2:file:./data/registrations")
  count_jobs() { curl -s -H "Authorization: Bearer $KEY" "$BASE/api/v1/jobs/stats" | python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["by_status"].values()))'; }
else
  dropdb --if-exists "$DB"; createdb "$DB"
  # BENCH_JDBC_PARAMS: driver settings for the URL, e.g. "reWriteBatchedInserts=false" (the URL wins over the gateway's).
  db_args=(--spring.datasource.url="jdbc:postgresql://$PGHOST:5432/$DB${BENCH_JDBC_PARAMS:+?$BENCH_JDBC_PARAMS}"
    --spring.datasource.username="$PGUSER")
  count_jobs() { psql -qAt -d "$DB" -c "select count(*) from jobs"; }
fi
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
trap 'stop_gateway; [ "$DATABASE" = h2 ] || dropdb --if-exists "$DB"' EXIT
start_gateway "$WORK" gateway.log -Xms512m -Xmx512m "${jfr[@]}" -cp "$CP" io.github.alationgateway.GatewayApplication \
  --server.port="$PORT" "${db_args[@]}"
BASE="http://127.0.0.1:$PORT"
echo "$DATABASE, $CONNECTIONS connections, $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# CPU time (clock ticks) of the gateway and of this database's backends, summed from /proc/<pid>/stat.
ticks() { for pid in "$@"; do sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}'; done | awk '{t += $1} END {print t + 0}'; }
backends() { [ "$DATABASE" = h2 ] || psql -qAt -d "$DB" -c "select pid from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid()"; }

before=$(count_jobs)
created=0
if [ "$SINGLE" = on ]; then
cat >"$WORK/single.lua" <<'LUA'
-- Job ids: the first argument picks a range per wrk run (warm-up, measured run), the thread one inside it, so
-- that no run repeats another's ids and the measured run times new registrations, not idempotent repeats.
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
  -- nil headers: wrk then sends its own, which hold the -H Authorization and this Content-Type.
  return wrk.format("POST", "/api/v1/jobs", nil, body)
end
LUA
# Warm-up: the first calls pay for class loading and JIT, which is not what is measured.
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: Bearer $KEY" -s "$WORK/single.lua" "$BASE" -- 1 >/dev/null
# This machine's PostgreSQL runs with autovacuum off (show autovacuum), so a new database never gets planner
# statistics by itself, which a production server's autovacuum would gather after the warm-up's inserts.
[ "$DATABASE" = h2 ] || psql -q -d "$DB" -c "analyze"
before=$(count_jobs)
cpu_before=$(ticks $GATEWAY)
out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $KEY" -s "$WORK/single.lua" "$BASE" -- 2)
cpu_after=$(ticks $GATEWAY)
created=$(( $(count_jobs) - before ))
echo "single registrations: $(awk '/Requests\/sec/{print $2}' <<<"$out")/s ($created new jobs in ${SECONDS_EACH} s)," \
  "p50 $(awk '$1=="50%"{print $2}' <<<"$out"), p99 $(awk '$1=="99%"{print $2}' <<<"$out"), non-2xx: $(awk '/Non-2xx/{print $5}' <<<"$out")," \
  "gateway CPU per registration $(( (cpu_after - cpu_before) * 1000000 / $(getconf CLK_TCK) / created )) µs"
[ "${BENCH_JFR:-0}" = 1 ] && jcmd $GATEWAY JFR.dump name=bench filename="$PWD/$WORK/bench.jfr" >/dev/null
fi

# Batches of 500 new jobs each, 4 clients at once; the warm-up's batches first (w-*.json), then the measured ones.
rm -f "$WORK"/batch-*.json "$WORK"/w-*.json
python3 - "$BATCHES" "$WORK" "$BATCH_WARMUP" <<'PY'
import json, sys
for b in range(1, int(sys.argv[1]) + int(sys.argv[3]) + 1):
    items = [{"instance": "prod", "response": {"job_id": 900000000 + b * 1000 + i}, "labels": {"pipeline": "p7"}}
             for i in range(500)]
    name = f"w-{b}" if b <= int(sys.argv[3]) else f"batch-{b - int(sys.argv[3])}"
    with open(f"{sys.argv[2]}/{name}.json", "w") as f:
        json.dump({"items": items}, f)
PY
if [ "$BATCH_WARMUP" -gt 0 ]; then
  # ANALYZE after the first few: without statistics each batch's read-back takes 10 to 100 times longer.
  for range in "1 $(( BATCH_WARMUP < 20 ? BATCH_WARMUP : 20 ))" "21 $BATCH_WARMUP"; do
    seq $range | xargs -P4 -I{} curl -s -o /dev/null -H "Authorization: Bearer $KEY" \
      -H 'Content-Type: application/json' --data-binary @"$WORK/w-{}.json" "$BASE/api/v1/jobs/batch"
    [ "$DATABASE" = h2 ] || psql -q -d "$DB" -c "analyze"
  done
  before=$(count_jobs) created=0
fi
pids=$(backends)
cpu_before=$(ticks $GATEWAY) db_before=$(ticks $pids)
start=$(date +%s.%N)
seq 1 "$BATCHES" | xargs -P4 -I{} curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: application/json' --data-binary @"$WORK/batch-{}.json" "$BASE/api/v1/jobs/batch" >"$WORK/codes.txt"
end=$(date +%s.%N)
cpu_after=$(ticks $GATEWAY) db_after=$(ticks $pids)
created=$(( $(count_jobs) - before - created ))
tick=$(getconf CLK_TCK)
echo "batches of 500: $created registered in $(echo "$end - $start" | bc) s = $(echo "$created / ($end - $start)" | bc)/s; answers: $(sort "$WORK/codes.txt" | uniq -c | tr '\n' ' ')"
echo "CPU per item: gateway $(( (cpu_after - cpu_before) * 1000000 / tick / created )) µs," \
  "database backends $(( (db_after - db_before) * 1000000 / tick / created )) µs ($(wc -w <<<"$pids") backends)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
