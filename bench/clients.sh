#!/usr/bin/env sh
# Builds the gateway and compares the candidate HTTP clients for the poll (src/bench/java/.../clients): CPU per
# call and calls per second of the JDK HttpClient, Apache HttpClient 5, Jetty's client and Reactor Netty against
# one local stub of Alation's job API in a process of its own, each client in a fresh JVM, on this Java and on
# Java 25 (with virtual threads) where /usr/lib/jvm/temurin-25-jdk-amd64 exists; the stub's raw limit with wrk
# (apt-get install wrk) in the same run. Settings in BENCH_ARGS, e.g.
#   BENCH_ARGS="-Dbench.threads=16 -Dbench.seconds=10 -Dbench.latency-ms=5 -Dbench.clients=jdk,apache5"
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbenchmark test-compile exec:exec -Dbench.main=io.github.alationgateway.bench.clients.ClientBenchmark \
  -Dbench.args="${BENCH_ARGS:-}"
