#!/usr/bin/env sh
# Builds the gateway and runs the wait benchmark (src/bench/java/.../WaitBenchmark.java) in its own JVM: 2,000
# clients each waiting for a job on one replica, the heap they cost, and how soon after its job's end each is
# answered. H2 by default; PostgreSQL at 127.0.0.1:5432 (database test, user postgres) with
#   BENCH_ARGS="-Dbench.db=postgresql"      (or -Dbench.pg-url=... -Dbench.pg-user=... -Dbench.pg-password=...)
#   BENCH_ARGS="-Dbench.waiters=5000"
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbenchmark test-compile exec:exec -Dbench.main=io.github.alationgateway.bench.WaitBenchmark \
  -Dbench.args="${BENCH_ARGS:-}"
