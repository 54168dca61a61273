#!/usr/bin/env sh
# Builds the gateway and runs the poller benchmark (src/bench/java, outside `./mvnw verify`) in its own JVM:
# polls/s, poll lag, SQL statements per poll and heap for H2 and PostgreSQL with 1 and 3 replicas (3 Spring
# contexts in one JVM), against a stub of Alation in a JVM of its own (its CPU is not the gateway's), with wrk's
# raw limit against that stub, then the PostgreSQL claim plan with 1,000,000
# finished jobs. Needs PostgreSQL at 127.0.0.1:5432 (database test, user postgres), or set BENCH_ARGS, e.g.
#   BENCH_ARGS="-Dbench.seconds=30 -Dbench.latency-ms=5 -Dbench.scenarios=postgresql:1 -Dbench.explain=false"
#   BENCH_ARGS="-Dbench.pg-url=jdbc:postgresql://db:5432/bench -Dbench.pg-user=me -Dbench.pg-password=..."
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbenchmark test-compile exec:exec -Dbench.args="${BENCH_ARGS:-}"
