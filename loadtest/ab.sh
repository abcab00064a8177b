#!/usr/bin/env bash
# An A/B of two API builds, in one sitting on one stack: this machine's speed moves by 2x within
# hours, so figures from separate runs do not compare. Starts the local stack with API A, then
# API B beside it on the same Redis, queue and table; warms both up alike; then runs the same
# storm against A and B in turns (after an unmeasured round 0; each storm once the machine has
# gone quiet) and prints each round's throughput, latency, the API's CPU per request, and which
# processes kept the cores busy. The worker is paused (SIGSTOP) during selling storms, as in
# bench.sh, and each round's orders are drained before the next.
# Both run as the bench's do (signed-in shoppers from the local issuer, rate limits raised so a pool
# of tokens is not refused). B_ENV adds settings to B alone, to A/B one build against a setting;
# the rate limits' VELOCITY_RATELIMIT_*_PERSECOND set outside apply to A (and to B unless B_ENV
# sets them), so the roles can be swapped. B_MAIN runs as B, instead of a jar, a main class from
# api-service's test classpath (after `./mvnw install -DskipTests`), as bench.sh runs its ceilings:
# B_MAIN=dev.velocity.api.bench.FloorPurchase measures the floor of an accepted purchase
# (results/2026-12-05-floor.md); its sales are put through A. The storm may be a comma-separated list
# (selling,sellout), run in turns in each round; BARE=1 adds to each round the bench's bare endpoint
# (the same Tomcat answering a constant 409) under the same load, the ceiling bench.sh compares with.
#   loadtest/ab.sh <api-A.jar> <api-B.jar> [rounds] [selling|sellout|soldout[,...]]
#   e.g. cp api-service/target/api-service.jar /tmp/a.jar; (change, build); loadtest/ab.sh /tmp/a.jar api-service/target/api-service.jar
#   B_ENV="VELOCITY_RATELIMIT_SHOPPER_PERSECOND=0 VELOCITY_RATELIMIT_ADDRESS_PERSECOND=0" loadtest/ab.sh a.jar a.jar  (limits off in B)
set -euo pipefail
cd "$(dirname "$0")/.."
. loadtest/common.sh
[ $# -ge 2 ] || { echo "usage: loadtest/ab.sh <api-A.jar> <api-B.jar> [rounds] [selling|sellout|soldout[,...]]"; exit 2; }
JAR_A=$(realpath "$1"); JAR_B=$(realpath "$2"); ROUNDS=${3:-5}; KIND=${4:-selling}; B_MAIN=${B_MAIN:-}; BARE=${BARE:-0}; BARE_PORT=18099
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-12}; WARMUP_SECONDS=${WARMUP_SECONDS:-90}
command -v wrk >/dev/null || { echo "ab: needs wrk (apt-get install wrk)"; exit 2; }

data=$(mktemp -d)
export VELOCITY_DATA_DIR=$data VELOCITY_API_PORT=18080 VELOCITY_WORKER_PORT=18081 VELOCITY_REDIS_PORT=16390 \
  VELOCITY_SQS_PORT=19324 VELOCITY_DYNAMODB_PORT=14567 VELOCITY_ADMIN_SECRET=ab-secret VELOCITY_API_JAR=$JAR_A \
  VELOCITY_ISSUER_PORT=19400 VELOCITY_API_MANAGEMENT_PORT=18090 VELOCITY_WORKER_MANAGEMENT_PORT=18091 \
  VELOCITY_HTTP_TRUSTEDPROXIES=127.0.0.1/32 VELOCITY_RATELIMIT_SHOPPER_PERSECOND=${VELOCITY_RATELIMIT_SHOPPER_PERSECOND:-100000} \
  VELOCITY_RATELIMIT_SHOPPER_BURST=100000 VELOCITY_RATELIMIT_ADDRESS_PERSECOND=${VELOCITY_RATELIMIT_ADDRESS_PERSECOND:-100000} \
  VELOCITY_RATELIMIT_ADDRESS_BURST=100000 VELOCITY_WORKER_URL=http://127.0.0.1:18091
stack_pid=""; b_pid=""; worker_pid=""; bare_pid=""
cleanup() {
  local status=$?
  [ -n "$bare_pid" ] && { kill "$bare_pid" 2>/dev/null || true; }
  [ -n "$worker_pid" ] && { kill -CONT "$worker_pid" 2>/dev/null || true; }
  [ -n "$b_pid" ] && { kill "$b_pid" 2>/dev/null || true; }
  [ -n "$stack_pid" ] && { kill -INT "$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; }
  # Tokens and the stack's data; kept, with its logs, when the run failed.
  if [ "$status" -eq 0 ]; then rm -rf "$data"; else echo "ab: logs and data kept in $data" >&2; fi
}
trap cleanup EXIT
./velocity run > "$data/run.log" 2>&1 &
stack_pid=$!
for _ in $(seq 1 240); do grep -q "Velocity is ready" "$data/run.log" && break; sleep 1; done
grep -q "Velocity is ready" "$data/run.log" || { echo "ab: the stack did not start"; tail -20 "$data/run.log"; exit 1; }
# B as the run command starts A: the same profile, servers and heap.
a_pid=$(pgrep -f "server.port=18080" | head -1)
java=$(ps -o args= -p "$a_pid" | awk '{ print $1 }')
if [ -n "$B_MAIN" ] || [ "$BARE" = 1 ]; then
  [ -f api-service/target/test-classpath.txt ] && [ -d api-service/target/test-classes ] ||
    { echo "ab: B_MAIN and BARE need api-service's test classes: ./mvnw install -DskipTests first"; exit 2; }
fi
test_classpath=(-cp "api-service/target/test-classes:api-service/target/classes:$(cat api-service/target/test-classpath.txt 2>/dev/null)")
b_run=(-jar "$JAR_B"); b_ready=(-f http://127.0.0.1:18092/actuator/health/readiness)
if [ -n "$B_MAIN" ]; then
  b_run=("${test_classpath[@]}" "$B_MAIN")
  b_ready=(-o /dev/null -X POST http://127.0.0.1:18082/buy)
fi
# shellcheck disable=SC2086
env SPRING_PROFILES_ACTIVE=local VELOCITY_SQS_ENDPOINT=http://127.0.0.1:19324 \
  VELOCITY_DYNAMODB_ENDPOINT=http://127.0.0.1:14567 VELOCITY_ISSUER=http://127.0.0.1:19400 AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local ${B_ENV:-} "$java" --enable-native-access=ALL-UNNAMED -Xmx512m "${b_run[@]}" \
  --server.port=18082 --management.server.port=18092 > "$data/api-b.log" 2>&1 &
b_pid=$!
for _ in $(seq 1 120); do curl -s "${b_ready[@]}" > /dev/null && break; sleep 1; done
worker_pid=$(pgrep -f order-worker.jar | head -1)
if [ "$BARE" = 1 ]; then
  "$java" --enable-native-access=ALL-UNNAMED -Xmx512m "${test_classpath[@]}" dev.velocity.api.bench.BareEndpoint "$BARE_PORT" > "$data/bare.log" 2>&1 &
  bare_pid=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null -X POST "http://127.0.0.1:$BARE_PORT/buy" && break; sleep 0.2; done
fi

TOKENS=$data/tokens
loadtest/tokens.sh http://127.0.0.1:19400/token "${SHOPPERS:-2000}" "$TOKENS"
auth=(-H "Authorization: Bearer $(loadtest/tokens.sh http://127.0.0.1:19400/token --admin ab-secret)" -H "Content-Type: application/json")
sold_total=0
launcher_pid=$(pgrep -f launcher-exec.jar | head -1); redis_pid=$(pgrep -f "redis-server.*16390" | head -1)
[ -n "$launcher_pid" ] || echo "ab: the launcher's process was not found: its cores column reads 0" >&2
[ -n "$redis_pid" ] || echo "ab: Redis's process was not found: its cores column reads 0" >&2
# cpu_now <api pid> <other api pid>: the CPU ticks so far of the API under test, the other API,
# the launcher (ElasticMQ, the issuer), Redis, and the whole machine.
cpu_now() {
  echo "$(ticks_of "/proc/$1/stat") $(ticks_of "/proc/$2/stat") $(ticks_of "/proc/$launcher_pid/stat") $(ticks_of "/proc/$redis_pid/stat") $(machine_ticks) $(date +%s.%N)"
}
# quiet: waits until the whole machine is quiet (common.sh), so that a storm does not share the
# cores with what the other build (or its own) still does, or with the tail of the last drain.
# Waiting for the two APIs alone, as until 2026-12-05, left rounds in which other processes kept
# 1.2 cores busy and the bare endpoint ran at 0.6-0.7x its first round (results/2026-12-05-floor.md);
# B once kept 0.41 cores busy through A's first measured round (results/2026-12-04-lettuce-pool.md).
quiet() { await_quiet 60; }
# storm <port> <sale> <stock> <seconds>: prints wrk's RESULT line, the API's CPU us per request, and
# the cores the API, the other API, the launcher, Redis and everything else (wrk most) kept busy.
# On the bare endpoint's port the "API" is the bare endpoint and the "other API" A; no sale is made.
storm() {
  local admin=$1 api other before after r n bare=0
  [ -n "$B_MAIN" ] && admin=18080
  api=$b_pid; other=$a_pid; [ "$1" = 18080 ] && { api=$a_pid; other=$b_pid; }
  [ "$1" = "$BARE_PORT" ] && { api=$bare_pid; bare=1; }
  [ $bare = 1 ] || curl -sf -X PUT "${auth[@]}" "http://127.0.0.1:$admin/admin/sales/$2" -d "{\"name\":\"$2\",\"stock\":$3}" > /dev/null
  quiet
  [ "$3" -gt 0 ] && kill -STOP "$worker_pid"
  before=$(cpu_now "$api" "$other")
  r=$(wrk -t2 -c64 -d"$4"s --latency -s loadtest/lua/buy.lua "http://127.0.0.1:$1" -- "$2" "$TOKENS" 2 | grep RESULT)
  after=$(cpu_now "$api" "$other")
  kill -CONT "$worker_pid"
  n=$(echo "$r" | tr ' ' '\n' | sed -n 's/^requests=//p')
  # Cores over the time between the two readings (wrk's start and end add to the storm's length).
  echo "$r $(awk -v b="$before" -v a="$after" -v t="$(getconf CLK_TCK)" -v n="$n" 'BEGIN {
    split(b, x, " "); split(a, y, " "); for (i = 1; i <= 6; i++) d[i] = y[i] - x[i]; s = d[6]
    printf "api_cpu_us=%.0f cores=%.2f/%.2f/%.2f/%.2f/%.2f", d[1] / t * 1e6 / n, d[1] / t / s, d[2] / t / s, d[3] / t / s, d[4] / t / s, (d[5] - d[1] - d[2] - d[3] - d[4]) / t / s }')"
  # Let the worker persist the round's orders before the next round.
  [ $bare = 1 ] && return 0
  sold_total=$((sold_total + $(redis-cli -p 16390 HGET "sale:{$2}" sold)))
  await_written "$sold_total"
}
get() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

echo "ab: warming A and B up (${WARMUP_SECONDS} s selling + 20 s sold out, each)"
for port in 18080 18082; do
  storm $port "warm-$port" 100000000 "$WARMUP_SECONDS" > /dev/null
  storm $port "warm-out-$port" 1 20 > /dev/null
done
# selling: every request accepted; sellout: 10,000 units, then Redis's sold-out answers;
# soldout: stock 0, every answer from the local gate.
stock_of() { case $1 in sellout) echo 10000 ;; soldout) echo 0 ;; selling) echo 100000000 ;; *) echo "ab: no storm $1" >&2; exit 2 ;; esac; }
kinds=${KIND//,/ }
for kind in $kinds; do stock_of "$kind" > /dev/null; done
# An unmeasured round 0 of the storm itself, in turns as the rounds run: without it the first
# measured storm of each build, A's most (idle through B's whole warm-up), cost up to twice the
# CPU per request of its later rounds, a bias for B (results/2026-12-04-ab-position.md).
for kind in $kinds; do
  for port in 18080 18082; do storm $port "r0-$kind-$port" "$(stock_of "$kind")" "$SECONDS_PER_ROUND" > /dev/null; done
done
if [ "$BARE" = 1 ]; then storm $BARE_PORT bare 0 "$SECONDS_PER_ROUND" > /dev/null; fi
row() {
  echo "| $1 | $2 | $(get "$3" rps) | $(get "$3" p50_ms) / $(get "$3" p99_ms) | $(get "$3" ok) / $(get "$3" sold_out) / $(get "$3" rate_limited) / $(get "$3" other) / $(get "$3" errors) | $(get "$3" api_cpu_us) | $(get "$3" cores | tr / ' ' | sed 's/ / \/ /g') |"
}
echo "| round | build | req/s | p50 / p99 ms | 200 / 409 / 429 / other / errors | API CPU us per request | cores busy: API / other API / launcher / Redis / rest |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for round in $(seq 1 "$ROUNDS"); do
  for kind in $kinds; do
    for port in 18080 18082; do
      build=A; [ $port = 18082 ] && build=B
      label=$build; [ "$kinds" != "$KIND" ] && label="$build $kind"
      row "$round" "$label" "$(storm $port "r$round-$kind-$build" "$(stock_of "$kind")" "$SECONDS_PER_ROUND")"
    done
  done
  if [ "$BARE" = 1 ]; then row "$round" bare "$(storm $BARE_PORT bare 0 "$SECONDS_PER_ROUND")"; fi
done
