#!/usr/bin/env bash
# Runs the Okta push benchmark against each given service jar in turn, each on a fresh data directory:
#   bench/compare.sh before=/tmp/provisioning-api-before.jar after=provisioning-api/target/provisioning-api.jar
# Extra load generator options go in BENCH_OPTS (default: 5000 users after a warm-up of 10000, 16 clients),
# JVM options for the service in SERVICE_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=/tmp/s.jfr).
set -euo pipefail
cd "$(dirname "$0")"
[ -f target/scim-bench.jar ] || mvn -B -q package
PORT=${PORT:-18183}
BENCH_OPTS=${BENCH_OPTS:---users=5000 --warmup-users=10000 --concurrency=16}

for labelled in "$@"; do
  label=${labelled%%=*}
  jar=${labelled#*=}
  data=$(mktemp -d)
  echo "### $label ($jar) load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  PROVISIONING_ADMIN_PASSWORD=bench-password-1 java ${SERVICE_JAVA_OPTS:-} -jar "$jar" --server.port="$PORT" \
      --provisioning.data-dir="$data" >"$data/service.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -fs "http://localhost:$PORT/actuator/health" >/dev/null && break
    sleep 1
  done
  # shellcheck disable=SC2086
  java -jar target/scim-bench.jar --base-url="http://localhost:$PORT" --password=bench-password-1 \
      --server-pid="$pid" $BENCH_OPTS || true
  kill "$pid"
  wait "$pid" || true
  rm -rf "$data"
  echo
done
