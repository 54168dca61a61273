# Sourced by the bench scripts that run the gateway as a process of their own (from target/classes).
#
#   start_gateway <dir> <log> <java arguments...>
# runs `java <arguments>` in <dir> with its output in <dir>/<log>, sets GATEWAY to its pid, and returns once it has
# logged "Started GatewayApplication"; if it dies first, prints the end of its log and exits the script.
#   stop_gateway
# stops it, if one runs. Set `trap stop_gateway EXIT` (or a trap that calls it) before start_gateway.

GATEWAY=

start_gateway() {
  local dir=$1 log=$2
  shift 2
  # Emptied first: the wait below must not find the last run's "Started" line.
  : >"$dir/$log"
  (cd "$dir" && exec java "$@" >"$log" 2>&1) &
  GATEWAY=$!
  until grep -q "Started GatewayApplication" "$dir/$log" 2>/dev/null; do
    kill -0 "$GATEWAY" 2>/dev/null || { tail -40 "$dir/$log"; exit 1; }
    sleep 0.5
  done
}

stop_gateway() {
  [ -n "$GATEWAY" ] || return 0
  kill "$GATEWAY" 2>/dev/null
  wait "$GATEWAY" 2>/dev/null || true
  GATEWAY=
}
