#!/usr/bin/env bash
# Time to ready of the packaged gateway (issue 15: <= 4 s from the jar; issue 10: < 8 s at a million jobs):
# starts `java -jar` RUNS times, each on a fresh H2 file in a directory of its own (or on BENCH_DB, a PostgreSQL
# database such as the one bench/seed-million.sh fills), and reports per run the wall time from `java` to the
# first 200 of /actuator/health/readiness, the process's CPU (all threads) and the main thread's CPU at that
# moment, RSS and classes loaded; then min and median. CPU, not wall time, is what to compare on a shared
# machine: wall time grows with everyone else's load, CPU far less.
#   ./mvnw -B -ntp -o -q -DskipTests package && bench/startup.sh
#   RUNS=5 BENCH_DB=bench_million bench/startup.sh
#   JAVA=/path/to/jdk-25/bin/java JAVA_OPTS="-XX:AOTCache=app.aot" JAR=extracted/alation-job-gateway.jar bench/startup.sh
# Each run starts in a directory of its own with JAR's absolute path: an AppCDS archive or AOT cache must have been
# made by a training run given that same absolute path, or the JVM refuses it and starts without it (about twice the
# CPU); a run whose log shows that refusal stops the script rather than report the slower start.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(realpath "${JAR:-target/alation-job-gateway.jar}")
JAVA=${JAVA:-java}
RUNS=${RUNS:-3}
PORT=${BENCH_PORT:-18961}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
WORK=$(realpath -m target/bench-startup)
rm -rf "$WORK" && mkdir -p "$WORK"
db_args=()
[ -n "${BENCH_DB:-}" ] && db_args=(--spring.datasource.url="jdbc:postgresql://$PGHOST:5432/$BENCH_DB"
  --spring.datasource.username="$PGUSER")
ticks() { awk '{print ($14 + $15) * 10}' "$1"; } # ms, at 100 ticks a second
echo "$($JAVA -version 2>&1 | head -1), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$RUNS"); do
  dir="$WORK/run-$run" && mkdir -p "$dir"
  # The operator's file: one instance (never called: nothing is registered) and one API key.
  cat >"$dir/application.yml" <<'YML'
gateway:
  instances:
    prod: {base-url: "http://127.0.0.1:9", access-token: unused}
  security:
    api-keys:
      - {name: bench-startup, key: bench-startup-key-0123456789, role: admin}
  # On BENCH_DB's seeded jobs, up to 90 days old, the default retention would start deleting them.
  retention: {finished-after: 0}
YML
  # A gateway still stopping on the port would answer for the new one.
  while curl -s -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.2; done
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$dir" && exec $JAVA ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" "${db_args[@]}" >gateway.log 2>&1) &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"; do
    kill -0 $pid 2>/dev/null || { tail -40 "$dir/gateway.log"; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  # "[error][aot] shared class paths mismatch", "[error][cds] ...": the archive in JAVA_OPTS was not used.
  if grep -qE '^\[[0-9.]+s\]\[(error|warning) *\]\[(aot|cds)' "$dir/gateway.log"; then
    grep -E '^\[[0-9.]+s\]\[(error|warning) *\]\[(aot|cds)' "$dir/gateway.log" | head -5
    kill $pid; wait $pid 2>/dev/null || true
    echo "run $run: the JVM refused the archive or cache in JAVA_OPTS (see above); train it with JAR=$JAR" >&2
    exit 1
  fi
  # The launcher runs main() on a thread of its own, also named "java": the busier of the two.
  cpu=$(ticks /proc/$pid/stat)
  main=$(for t in /proc/$pid/task/*; do [ "$(cat "$t/comm")" = java ] && ticks "$t/stat" || true; done | sort -n | tail -1 || true)
  rss=$(awk '/VmRSS/{print int($2 / 1024)}' /proc/$pid/status)
  classes=$(jcmd $pid PerfCounter.print 2>/dev/null | awk -F= '/java.cls.loadedClasses=/{print $2}')
  kill $pid; wait $pid 2>/dev/null || true
  echo "run $run: ready in $(((t1 - t0) / 1000000)) ms, CPU $cpu ms (main thread $main ms), RSS $rss MB," \
    "$classes classes, load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$WORK/runs.txt"
done
for what in "ready in" "CPU" "main thread"; do
  sort -n <(grep -o "$what [0-9]*" "$WORK/runs.txt" | awk '{print $NF}') \
    | awk -v w="$what" '{v[NR]=$1} END{printf "%s: min %d ms, median %d ms\n", w, v[1], v[int((NR+1)/2)]}'
done
