#!/usr/bin/env sh
# Detection lag at a fixed budget, in virtual time (src/bench/java/.../polling/LagSimulation.java): the gateway's
# own DecideOutcome and Cadence decide every poll of ~2,000 simulated Alation jobs (log-normal durations, medians
# 2 s to 20 min) through a 20 calls/s budget, for the fixed 3 s cadence, the gateway's former growing one and the
# learned one. Deterministic and independent of machine load; a few minutes of CPU. Settings in BENCH_ARGS, e.g.
#   BENCH_ARGS="-Dlag.calls-per-second=20 -Dlag.running=2000 -Dlag.max-interval-seconds=600 -Dlag.measured-minutes=240"
set -e
cd "$(dirname "$0")/.."
uptime
./mvnw -q -B -Pbenchmark test-compile exec:exec -Dbench.main=io.github.alationgateway.polling.LagSimulation \
  -Dbench.args="${BENCH_ARGS:-}"
