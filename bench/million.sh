#!/usr/bin/env bash
# Reads at a million jobs: starts the gateway (from target/classes; ./mvnw compile first) on the database that
# bench/seed-million.sh filled, twice (the first start applies any new migration, the second is the start that
# is timed), then measures each read of issue 10's table with wrk (4 connections, 2 threads, warm), plus 40
# pages of 500 in a row, plus the raw limit of this machine in the same run (wrk on /actuator/health/liveness:
# the HTTP stack with no database behind it). Prints a Markdown table; load averages before and after.
#   BENCH_DB=bench_million BENCH_SECONDS=10 bench/million.sh      (BENCH_WARM_ALL=180: seconds of warm-up first)
# Needs wrk (Debian: apt-get install -y wrk), psql and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-bench_million}
SECONDS_EACH=${BENCH_SECONDS:-10}
# Per row, before it is measured: the same call, so that its pages are in the caches and its code compiled.
WARMUP=${BENCH_WARMUP:-5}
# Before any row: all of them in turn for this long. The issue's figures are warm; C2 here settles only after 3 to
# 4 minutes of traffic, and a row measured before that reads the JIT's work as the call's latency. 0 skips it.
WARM_ALL=${BENCH_WARM_ALL:-180}
PORT=${BENCH_PORT:-18090}
KEY=bench-million-key
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
WORK=target/bench-million
mkdir -p "$WORK"
CP=$(bench/classpath.sh)
cat >"$WORK/application.yml" <<YML
gateway:
  instances:
    prod: {base-url: "http://127.0.0.1:9", access-token: unused}
    sandbox: {base-url: "http://127.0.0.1:9", access-token: unused}
  security:
    api-keys:
      - {name: bench, key: $KEY, role: admin}
    rate-limit: {requests-per-second: 0}
  # The seeded jobs are up to 90 days old: the default retention (30 days) would delete two thirds of the million
  # while the benchmark reads them.
  retention: {finished-after: 0}
YML

. bench/lib.sh
start_timed() { # run name: "migrate" or "timed"
  start_gateway "$WORK" "gateway-$1.log" -Xms512m -Xmx512m -cp "$CP" io.github.alationgateway.GatewayApplication \
    --server.port="$PORT" --spring.datasource.url="jdbc:postgresql://$PGHOST:5432/$DB" \
    --spring.datasource.username="$PGUSER"
  echo "$1 start: $(grep -o "Started GatewayApplication in [0-9.]* seconds" "$WORK/gateway-$1.log"),"\
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
trap stop_gateway EXIT
start_timed migrate; stop_gateway
start_timed timed
BASE="http://127.0.0.1:$PORT"

# 2,000 ids spread over the table, for GET /jobs/{id} and /logs (wrk picks one at random per request).
psql -qAt -d "$DB" -c "select id from jobs tablesample system (1) limit 2000" >"$WORK/ids.txt"
{
  echo "ids = {}"
  sed 's/.*/ids[#ids + 1] = "&"/' "$WORK/ids.txt"
  cat <<'LUA'
suffix = os.getenv("SUFFIX") or ""
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/jobs/" .. ids[math.random(#ids)] .. suffix)
end
LUA
} >"$WORK/ids.lua"

AFTER=$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ)
DAY=$(date -u -d '1 day ago' +%Y-%m-%dT%H:%M:%SZ)
run() { # name, path or lua script
  local name=$1 target=$2 out
  if [[ $target == *.lua ]]; then
    out=$(wrk -t2 -c4 -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $KEY" -s "$target" "$BASE")
  else
    wrk -t2 -c4 -d"${WARMUP}s" -H "Authorization: Bearer $KEY" "$BASE$target" >/dev/null # warm
    out=$(wrk -t2 -c4 -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $KEY" "$BASE$target")
  fi
  local p50 p99 rps errors
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/{print $5}' <<<"$out")
  echo "| $name | $p50 | $p99 | $rps | ${errors:-0} |"
}
# The whole JVM warm first: every row's call in turn, 5 s each, until WARM_ALL seconds have passed.
warm_targets=(/actuator/health/liveness "/api/v1/jobs?page_size=50" "/api/v1/jobs?status=failed"
  "/api/v1/jobs?label=pipeline:p7" "/api/v1/jobs?kind=TERM_PUT&instance=sandbox&registered_after=$AFTER"
  "/api/v1/jobs?alation_job_name=MetadataExtraction%23500000_2026" "/api/v1/jobs?label=team:t3&registered_after=$DAY"
  /api/v1/jobs/stats "/api/v1/jobs/stats?label=pipeline:p7&registered_after=$DAY" "/api/v1/jobs?page_size=500")
warm_until=$((SECONDS + WARM_ALL))
while ((SECONDS < warm_until)); do
  for target in "${warm_targets[@]}"; do
    wrk -t2 -c4 -d5s -H "Authorization: Bearer $KEY" "$BASE$target" >/dev/null
  done
  for suffix in "" /logs; do
    SUFFIX=$suffix wrk -t2 -c4 -d5s -H "Authorization: Bearer $KEY" -s "$WORK/ids.lua" "$BASE" >/dev/null
  done
done
echo "warmed for $WARM_ALL s (every row in turn), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| call | p50 | p99 | calls/s | non-2xx |"
echo "|---|---|---|---|---|"
run 'raw limit: `GET /actuator/health/liveness`' /actuator/health/liveness
SUFFIX="" run 'warm-up of GET /api/v1/jobs/{id}' "$WORK/ids.lua" >/dev/null
SUFFIX="" run '`GET /api/v1/jobs/{id}`' "$WORK/ids.lua"
export SUFFIX=/logs
run 'warm-up of GET /api/v1/jobs/{id}/logs' "$WORK/ids.lua" >/dev/null
run '`GET /api/v1/jobs/{id}/logs`' "$WORK/ids.lua"
unset SUFFIX
run '`GET /api/v1/jobs?page_size=50`' "/api/v1/jobs?page_size=50"
run '`?status=failed`' "/api/v1/jobs?status=failed"
run '`?label=pipeline:p7`' "/api/v1/jobs?label=pipeline:p7"
run '`?kind=TERM_PUT&instance=sandbox&registered_after=<30 days ago>`' \
  "/api/v1/jobs?kind=TERM_PUT&instance=sandbox&registered_after=$AFTER"
run '`?alation_job_name=MetadataExtraction%23500000_2026`' "/api/v1/jobs?alation_job_name=MetadataExtraction%23500000_2026"
run '`?label=team:t3&registered_after=<1 day ago>`' "/api/v1/jobs?label=team:t3&registered_after=$DAY"
run '`GET /api/v1/jobs/stats`' /api/v1/jobs/stats
run '`GET /api/v1/jobs/stats?label=pipeline:p7&registered_after=<1 day ago>`' \
  "/api/v1/jobs/stats?label=pipeline:p7&registered_after=$DAY"
run 'a page of 500 (`?page_size=500`)' "/api/v1/jobs?page_size=500"

# 40 pages of 500 in a row, each following the last one's cursor.
cursor="" total=0 slowest=0
for page in $(seq 1 40); do
  url="$BASE/api/v1/jobs?page_size=500${cursor:+&cursor=$cursor}"
  read -r ms body_cursor < <(curl -s -o "$WORK/page.json" -w '%{time_total}\n' -H "Authorization: Bearer $KEY" "$url" \
    | awk '{printf "%d", $1 * 1000}'; echo " $(grep -o '"next_cursor":"[^"]*"' "$WORK/page.json" | cut -d'"' -f4)")
  total=$((total + ms)); ((ms > slowest)) && slowest=$ms
  cursor=$body_cursor
done
echo "| 40 pages of 500 in a row (curl, one at a time) | $((total / 40)) ms mean | ${slowest} ms slowest | | |"
# Last, because each call reads the whole jobs table, which pushes the other rows' pages out of the caches: a label
# with no time range counts every job of that label (5 % of the table), the one stats read that is not bounded.
run '`GET /api/v1/jobs/stats?label=pipeline:p7` (all time)' "/api/v1/jobs/stats?label=pipeline:p7"
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
