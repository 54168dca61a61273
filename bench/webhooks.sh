#!/usr/bin/env sh
# Builds the gateway and runs the webhook benchmark (src/bench/java, outside `./mvnw verify`) in its own JVM:
# deliveries per second of one replica to a fast local receiver, and the lag from a job's end to its delivery,
# on H2 and PostgreSQL. Needs PostgreSQL at 127.0.0.1:5432 (database test, user postgres), or set BENCH_ARGS, e.g.
#   BENCH_ARGS="-Dbench.databases=h2 -Dbench.deliveries=5000 -Dbench.lag-rate=50 -Dbench.lag-seconds=10"
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbenchmark test-compile exec:exec -Dbench.main=io.github.alationgateway.bench.WebhookBenchmark \
  -Dbench.args="${BENCH_ARGS:-}"
