#!/usr/bin/env bash
# A cold API instance joining mid-storm, as autoscaling adds one: the local stack's API (warm)
# takes a selling storm while a fresh API starts beside it on the same Redis, queue and table;
# the moment the fresh one's readiness passes, it takes its own share of the storm for WINDOW
# seconds (30). Printed per start: how long until ready, then the fresh instance's req/s, p50 /
# p99, 200s and 503s (and other answers) in that window, beside the warm one's over the same time.
# COLD_ENVS lists the fresh instance's settings, one start each, in turns (ROUNDS times), so that
# one sitting compares them: by default without the warm-up and with it.
#   loadtest/cold-start.sh [api.jar]
# Then the books: Redis sold no fewer units than were answered 200, no more than 200s plus the
# requests without a counted answer (a 503 after a slow Redis reply, a client timeout, in flight
# when a wrk stopped), and the worker persisted every unit sold.
SCRIPT=cold-start
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "cold-start: needs wrk (apt-get install wrk)"; exit 2; }
[ -z "${VELOCITY_URL:-}" ] || { echo "cold-start: starts a stack of its own (unset VELOCITY_URL)"; exit 2; }
JAR=$(realpath "${1:-api-service/target/api-service.jar}")
WARMUP_SECONDS=${WARMUP_SECONDS:-60}; WINDOW=${WINDOW:-30}; ROUNDS=${ROUNDS:-2}
if [ -z "${COLD_ENVS:-}" ]; then
  COLD_ENVS="VELOCITY_WARMUP_DURATION=0s VELOCITY_WARMUP_DURATION=15s"
fi
export VELOCITY_API_JAR=$JAR
# shellcheck source=loadtest/stack.sh
. loadtest/stack.sh
b_pid=""; wrk_pid=""
stop_cold() {
  [ -n "$wrk_pid" ] && { kill -INT "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true; wrk_pid=""; }
  [ -n "$b_pid" ] && { kill "$b_pid" 2>/dev/null || true; wait "$b_pid" 2>/dev/null || true; b_pid=""; }
  return 0
}
trap 'stop_cold; cleanup' EXIT

TOKENS=$data/tokens
loadtest/tokens.sh "$VELOCITY_TOKEN_ENDPOINT" "${SHOPPERS:-2000}" "$TOKENS"
auth=(-H "Authorization: Bearer $(loadtest/tokens.sh "$VELOCITY_TOKEN_ENDPOINT" --admin "$VELOCITY_ADMIN_SECRET")"
  -H "Content-Type: application/json")
get() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
sold() { redis-cli -p "$VELOCITY_REDIS_PORT" HGET "sale:{$1}" sold; }
put_sale() { curl -sf -X PUT "${auth[@]}" "$VELOCITY_URL/admin/sales/$1" -d "{\"name\":\"$1\",\"stock\":$2}" > /dev/null; }

echo "cold-start: warming the stack's API up (${WARMUP_SECONDS} s selling)"
put_sale cold-warm 100000000
wrk -t2 -c64 -d"${WARMUP_SECONDS}"s -s loadtest/lua/buy.lua "$VELOCITY_URL" -- cold-warm "$TOKENS" 2 > /dev/null
await_written "$(sold cold-warm)"

java=$(ps -o args= -p "$(pgrep -f "server.port=$VELOCITY_API_PORT" | head -1)" | awk '{ print $1 }')
sale=cold-storm
put_sale "$sale" 100000000
# Units a request may have taken without an answer counted: 503s (Redis answered after the
# timeout), wrk's socket errors and timeouts, and what was in flight when a wrk stopped.
ok_total=0; unanswered=0
echo "| round | fresh instance's settings | ready after s | fresh: req/s | fresh: p50 / p99 ms | fresh: 200 / 503 / other / errors | warm beside it: req/s | warm: p99 ms |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for round in $(seq 1 "$ROUNDS"); do
  for settings in $COLD_ENVS; do
    # The warm instance's storm runs through the fresh one's start and window.
    wrk -t1 -c32 -d600s --latency -s loadtest/lua/buy.lua "$VELOCITY_URL" -- "$sale" "$TOKENS" 1 > "$data/warm.out" 2>&1 &
    wrk_pid=$!
    sleep 3
    started=$(date +%s.%N)
    # As the run command starts its API: the same profile, servers and heap.
    # shellcheck disable=SC2086
    env SPRING_PROFILES_ACTIVE=local VELOCITY_SQS_ENDPOINT="http://127.0.0.1:$VELOCITY_SQS_PORT" \
      VELOCITY_DYNAMODB_ENDPOINT="http://127.0.0.1:$VELOCITY_DYNAMODB_PORT" VELOCITY_ISSUER="http://127.0.0.1:$VELOCITY_ISSUER_PORT" \
      AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \
      SPRING_DATA_REDIS_PORT="$VELOCITY_REDIS_PORT" $settings \
      "$java" --enable-native-access=ALL-UNNAMED -Xmx512m -jar "$JAR" \
      --server.port=18082 --management.server.port=18092 > "$data/cold-$round.log" 2>&1 &
    b_pid=$!
    ready=""
    for _ in $(seq 1 600); do
      curl -sf http://127.0.0.1:18092/actuator/health/readiness > /dev/null && { ready=$(date +%s.%N); break; }
      kill -0 "$b_pid" 2>/dev/null || break
      sleep 0.2
    done
    [ -n "$ready" ] || { echo "cold-start: the fresh API did not become ready"; tail -20 "$data/cold-$round.log"; exit 1; }
    r=$(wrk -t1 -c32 -d"${WINDOW}"s --latency -s loadtest/lua/buy.lua http://127.0.0.1:18082 -- "$sale" "$TOKENS" 1 | grep RESULT)
    kill -INT "$wrk_pid"; wait "$wrk_pid" || true; wrk_pid=""
    w=$(grep RESULT "$data/warm.out" || true)
    kill "$b_pid"; wait "$b_pid" || true; b_pid=""
    ok_total=$((ok_total + $(get "$r" ok) + $(get "$w" ok)))
    unanswered=$((unanswered + $(get "$r" unavailable) + $(get "$w" unavailable) + $(get "$r" errors) + $(get "$w" errors) + 64))
    printf '| %s | %s | %.1f | %s | %s / %s | %s / %s / %s / %s | %s | %s |\n' "$round" "$settings" \
      "$(echo "$ready - $started" | bc)" "$(get "$r" rps)" "$(get "$r" p50_ms)" "$(get "$r" p99_ms)" \
      "$(get "$r" ok)" "$(get "$r" unavailable)" "$(($(get "$r" other) - $(get "$r" unavailable)))" "$(get "$r" errors)" \
      "$(get "$w" rps)" "$(get "$w" p99_ms)"
  done
done

# The books: every 200 sold a unit; an unanswered request may have; the worker persisted every
# unit sold.
sold_units=$(sold "$sale")
await_written "$(($(sold cold-warm) + sold_units))"
persisted=$(written)
echo
echo "sold $sold_units units; answered 200: $ok_total; 503s, errors and in flight at a stop: at most $unanswered; persisted $persisted of $(($(sold cold-warm) + sold_units)) sold in all"
fail=0
[ "$sold_units" -ge "$ok_total" ] || { echo "FAIL: fewer units sold than 200s"; fail=1; }
[ "$sold_units" -le "$((ok_total + unanswered))" ] || { echo "FAIL: more units sold than requests could have taken"; fail=1; }
[ "$persisted" -ge "$(($(sold cold-warm) + sold_units))" ] || { echo "FAIL: sold units not persisted"; fail=1; }
exit $fail
