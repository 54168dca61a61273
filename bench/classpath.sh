#!/usr/bin/env sh
# Prints the classpath that runs the gateway from target/classes (after ./mvnw compile), for bench scripts that
# start it as a process of its own. From Maven's dependency plugin; where that cannot be resolved (offline), from
# the classpath of the last surefire run in this checkout.
cd "$(dirname "$0")/.."
if ./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime.cp \
    >/dev/null 2>&1; then
  echo "$PWD/target/classes:$(cat target/runtime.cp)"
  exit 0
fi
report=$(ls target/surefire-reports/TEST-*.xml 2>/dev/null | head -1)
[ -n "$report" ] || { echo "No classpath: run any test once (./mvnw test -Dtest=...) or go online" >&2; exit 1; }
grep -o 'name="surefire.test.class.path" value="[^"]*"' "$report" | sed 's/.*value="//; s/"$//' \
  | tr ':' '\n' | grep -v '/target/test-classes$' | paste -sd: -
