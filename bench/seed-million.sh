#!/usr/bin/env sh
# Creates a PostgreSQL database of its own and fills it with a year's worth of finished jobs, as the storage
# benchmark (bench/million.sh) reads them: by default 1,000,000 jobs registered over 90 days, each with two
# labels (pipeline:p0..p19, team:t0..t6) and one log line; 2 instances (prod 70 %, sandbox 30 %), 12 kinds,
# 85 % successful, 10 % failed, 3 % partially successful, 2 % expired; 5 % started by name
# (MetadataExtraction#...). One generate_series statement per table: minutes, not hours.
#   BENCH_DB=bench_million BENCH_JOBS=1000000 PGHOST=127.0.0.1 PGUSER=postgres bench/seed-million.sh
# The schema comes from the gateway's own Flyway migrations: the script starts the gateway on the new database
# once (polling off) and stops it when it has started.
# Drop the database afterwards: dropdb -h 127.0.0.1 -U postgres bench_million
set -e
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-bench_million}
JOBS=${BENCH_JOBS:-1000000}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
createdb "$DB"
CP=$(bench/classpath.sh)
java -cp "$CP" io.github.alationgateway.GatewayApplication --server.port=0 --gateway.poll.enabled=false \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:5432/$DB" --spring.datasource.username="$PGUSER" \
  >target/seed-migrate.log 2>&1 &
pid=$!
until grep -q "Started GatewayApplication" target/seed-migrate.log; do
  kill -0 $pid 2>/dev/null || { cat target/seed-migrate.log; exit 1; }
  sleep 1
done
kill $pid; wait $pid || true
start=$(date +%s)
psql -q -v ON_ERROR_STOP=1 -v jobs="$JOBS" -d "$DB" -f bench/seed-million.sql
echo "Seeded $JOBS jobs into $DB in $(( $(date +%s) - start )) s"
