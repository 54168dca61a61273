#!/usr/bin/env bash
# Memory of the container's JVM (issue 15: RSS <= 256 MB with 100,000 jobs running and the API under load, in a
# 512 MB limit). For each candidate of the Dockerfile's JAVA_TOOL_OPTIONS (CANDIDATES, separated by "|"): the
# extracted jar on JDK 25 with an AOT cache made by the Dockerfile's training run under those options (AOT=off: no
# cache), the container simulated by -XX:MaxRAM=512m -XX:ActiveProcessorCount=2, on a fresh PostgreSQL database
# (bench_memory, dropped at the end) with 100,000 jobs registered through the batch API and kept running by a stub
# of Alation that always answers "running"; then wrk on GET /api/v1/jobs/{id} and GET /api/v1/jobs?page_size=50,
# one connection each, for WARMUP + SECONDS seconds. Reports per candidate the GC the JVM chose, VmRSS (peak over
# the whole run, and median over the measured part), heap, requests/s, GC time and the NMT summary. Environment
# variables such as MALLOC_ARENA_MAX reach the gateway.
#   ./mvnw -B -ntp -o -q -DskipTests package && bench/memory.sh
#   CANDIDATES="-XX:MaxRAMPercentage=75|-XX:MaxRAMPercentage=40 -XX:+UseSerialGC" AOT=off BENCH_SECONDS=60 bench/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JDK=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
CANDIDATES=${CANDIDATES:--XX:MaxRAMPercentage=75}
AOT=${AOT:-on}
JOBS=${JOBS:-100000}
WARMUP=${WARMUP:-60}
MEASURED=${BENCH_SECONDS:-120}
# Polls of the 100,000 jobs go at this rate to the stub (the default budget is 20/s): the poller busy too.
POLLS=${POLLS:-200}
CONTAINER="-XX:MaxRAM=512m -XX:ActiveProcessorCount=2"
DB=bench_memory
PORT=${BENCH_PORT:-18971}
STUB_PORT=$((PORT + 1))
KEY=bench-memory-key-0123456789
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
WORK=$(realpath -m target/bench-memory)
APP=$WORK/app
rm -rf "$WORK" && mkdir -p "$WORK"
"$JDK/bin/java" -Djarmode=tools -jar target/alation-job-gateway.jar extract --destination "$APP" >/dev/null
BASE="http://127.0.0.1:$PORT"
echo "$("$JDK/bin/java" -version 2>&1 | head -1), $(nproc) cores, $(free -m | awk '/Mem/{print $2}') MB," \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The stub of Alation: the JDK's source launcher runs it straight from src/bench, nothing else to build.
"$JDK/bin/java" -Xmx64m -Dsun.net.httpserver.nodelay=true \
  src/bench/java/io/github/alationgateway/bench/clients/StubAlation.java "$STUB_PORT" 0 2 >"$WORK/stub.log" 2>&1 &
STUB=$!
GATEWAY=
SAMPLER=
cleanup() {
  # Every step whatever the one before answered: a killed gateway's exit status must not leave the stub running.
  set +e
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
  [ -n "$GATEWAY" ] && kill "$GATEWAY" 2>/dev/null && wait "$GATEWAY" 2>/dev/null
  kill "$STUB" 2>/dev/null
  dropdb --if-exists "$DB"
}
trap cleanup EXIT
until grep -q ready "$WORK/stub.log"; do kill -0 $STUB || exit 1; sleep 0.2; done

cat >"$WORK/application.yml" <<YML
gateway:
  instances:
    prod: {base-url: "http://127.0.0.1:$STUB_PORT", access-token: bench, max-requests-per-second: $POLLS}
  security:
    api-keys:
      - {name: bench, key: $KEY, role: admin}
    rate-limit: {requests-per-second: 0}
YML
python3 - "$JOBS" "$WORK" <<'PY'
import json, sys
jobs = int(sys.argv[1])
for b in range(0, (jobs + 499) // 500):
    items = [{"instance": "prod", "response": {"job_id": 1 + b * 500 + i}, "labels": {"pipeline": f"p{i % 7}"}}
             for i in range(min(500, jobs - b * 500))]
    with open(f"{sys.argv[2]}/batch-{b}.json", "w") as f:
        json.dump({"items": items}, f)
PY
cat >"$WORK/by-id.lua" <<'LUA'
ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
request = function() return wrk.format("GET", "/api/v1/jobs/" .. ids[math.random(#ids)]) end
LUA

mb() { awk -v k="$1:" '$1==k{print int($2 / 1024)}' "/proc/$2/status"; }
n=0
IFS='|' read -ra candidates <<<"$CANDIDATES"
for opts in "${candidates[@]}"; do
  n=$((n + 1))
  run=$WORK/run-$n && mkdir -p "$run" && cp "$WORK/application.yml" "$run/"
  aot_args=()
  if [ "$AOT" = on ]; then
    # As the Dockerfile does: the training run under the same JAVA_TOOL_OPTIONS, on an in-memory database.
    (cd "$run" && JAVA_TOOL_OPTIONS="$opts" "$JDK/bin/java" -XX:AOTCacheOutput="$run/app.aot" \
      -Dspring.context.exit=onRefresh -jar "$APP/alation-job-gateway.jar" \
      --spring.datasource.url=jdbc:h2:mem:training --spring.main.banner-mode=off >training.log 2>&1)
    aot_args=(-XX:AOTCache="$run/app.aot")
  fi
  dropdb --if-exists "$DB" && createdb "$DB"
  (cd "$run" && JAVA_TOOL_OPTIONS="$opts" exec "$JDK/bin/java" $CONTAINER -XX:NativeMemoryTracking=summary \
    "${aot_args[@]}" -Xlog:gc:file=gc.log -jar "$APP/alation-job-gateway.jar" --server.port="$PORT" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:5432/$DB" --spring.datasource.username="$PGUSER" \
    >gateway.log 2>&1) &
  GATEWAY=$!
  started=yes
  until curl -sf -o /dev/null "$BASE/actuator/health/readiness"; do
    kill -0 $GATEWAY 2>/dev/null || { started=; break; }
    sleep 0.5
  done
  if [ -z "$started" ]; then
    # E.g. SerialGC with a small initial heap cannot load the AOT cache's archived objects: the JVM stops.
    GATEWAY=
    echo "[$n] JAVA_TOOL_OPTIONS=\"$opts\", AOT cache $AOT: did not start:"
    grep -m3 -iE 'error|exception' "$run/gateway.log" | sed 's/^/  /'
    continue
  fi
  # VmRSS every 2 s from here on, with the phase it was taken in.
  echo start >"$run/phase"
  (while kill -0 $GATEWAY 2>/dev/null; do echo "$(cat "$run/phase") $(mb VmRSS $GATEWAY)"; sleep 2; done) >"$run/rss" &
  SAMPLER=$!
  gc=$("$JDK/bin/jcmd" $GATEWAY VM.flags | grep -o '\-XX:+Use[A-Za-z0-9]*GC' | head -1)
  echo register >"$run/phase"
  t0=$(date +%s.%N)
  ls "$WORK"/batch-*.json | xargs -P2 -I{} curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' --data-binary @{} "$BASE/api/v1/jobs/batch" >"$run/codes.txt"
  reg_s=$(echo "$(date +%s.%N) - $t0" | bc)
  psql -qAt -d "$DB" -c "analyze" -c "select id from jobs order by random() limit 2000" >"$run/ids.txt"
  running=$(psql -qAt -F' ' -d "$DB" -c "select status, count(*) from jobs group by 1" | paste -sd' ' -)
  load() { # seconds, output prefix
    IDS="$run/ids.txt" wrk -t1 -c1 -d"$1s" -H "Authorization: Bearer $KEY" -s "$WORK/by-id.lua" "$BASE" >"$2.by-id" &
    wrk -t1 -c1 -d"$1s" -H "Authorization: Bearer $KEY" "$BASE/api/v1/jobs?page_size=50" >"$2.list"
    wait $!
  }
  echo warmup >"$run/phase"
  load "$WARMUP" "$run/warmup"
  echo measured >"$run/phase"
  gc_before=$("$JDK/bin/jstat" -gcutil $GATEWAY | awk 'NR==2{print $NF}')
  cpu_before=$(awk '{print $14 + $15}' /proc/$GATEWAY/stat)
  load "$MEASURED" "$run/measured"
  cpu=$(($(awk '{print $14 + $15}' /proc/$GATEWAY/stat) - cpu_before))
  "$JDK/bin/jstat" -gcutil $GATEWAY >"$run/gcutil"
  gc_s=$(echo "$(awk 'NR==2{print $NF}' "$run/gcutil") - $gc_before" | bc)
  "$JDK/bin/jcmd" $GATEWAY VM.native_memory summary scale=MB >"$run/nmt.txt"
  "$JDK/bin/jstat" -gc $GATEWAY >"$run/gc.txt"
  max_heap=$("$JDK/bin/jcmd" $GATEWAY VM.flags | grep -o '\-XX:MaxHeapSize=[0-9]*' | awk -F= '{print int($2 / 1048576)}')
  hwm=$(mb VmHWM $GATEWAY)
  # Anonymous memory is the JVM's own; file pages (the jar, the AOT cache's mapping) the kernel can drop and reread.
  rss_split="anonymous $(mb RssAnon $GATEWAY) MB, file $(mb RssFile $GATEWAY) MB"
  kill $SAMPLER; SAMPLER=
  kill $GATEWAY; wait $GATEWAY 2>/dev/null || true; GATEWAY=
  rps() { awk '/Requests\/sec/{printf "%d", $2}' "$1"; }
  steady=$(awk '$1=="measured"{print $2}' "$run/rss" | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
  calls=$(($(rps "$run/measured.by-id") + $(rps "$run/measured.list")))
  echo "[$n] JAVA_TOOL_OPTIONS=\"$opts\", AOT cache $AOT, $gc"
  echo "  registered $JOBS in ${reg_s%.*} s ($(sort "$run/codes.txt" | uniq -c | tr -s ' \n' ' ')); by status: $running"
  echo "  RSS peak (VmHWM) $hwm MB; median while measured $steady MB; peak per phase:" \
    "$(awk '{if ($2 > m[$1]) m[$1] = $2} END{for (p in m) printf "%s %d, ", p, m[p]}' "$run/rss")at the end $rss_split"
  echo "  requests/s: by id $(rps "$run/measured.by-id"), list $(rps "$run/measured.list");" \
    "CPU $(echo "scale=2; $cpu * 10 / ($calls * $MEASURED)" | bc) ms a request; GC ${gc_s} s in ${MEASURED} s;" \
    "non-2xx: $(cat "$run"/measured.* | awk '/Non-2xx/{s += $NF} END{print s + 0}')"
  echo "  heap at the end: $(awk 'NR==1{for (i=1; i<=NF; i++) c[$i]=i} NR==2{printf "committed %d MB, used %d MB", ($c["S0C"]+$c["S1C"]+$c["EC"]+$c["OC"])/1024, ($c["S0U"]+$c["S1U"]+$c["EU"]+$c["OU"])/1024}' "$run/gc.txt") of $max_heap MB;" \
    "jstat -gcutil: $(tail -1 "$run/gcutil" | tr -s ' ')"
  echo "  NMT, committed MB: $(sed -nE 's/^Total: .*committed=([0-9]+)MB.*/total \1/p; s/^-\s+(.*\S)\s+\(reserved=[0-9]+MB, committed=([0-9]+)MB.*/\1 \2/p' \
    "$run/nmt.txt" | awk '$NF > 0' | paste -sd, - | sed 's/,/, /g')"
  grep -q OutOfMemoryError "$run/gateway.log" && echo "  OutOfMemoryError in $run/gateway.log"
  echo "  load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
