#!/usr/bin/env bash
# The waiting room's stampede: JOINERS signed-in shoppers (100,000 by default, each with a token of
# its own from the local issuer) join one sale's queue as fast as wrk sends, across the sale's
# start; then the inlet admits at RATE a second. Starts the local stack as bench.sh does (or uses
# VELOCITY_URL + VELOCITY_TOKEN_ENDPOINT + VELOCITY_ADMIN_SECRET + VELOCITY_REDIS_PORT) and prints,
# beside Redis's own ceiling for a join measured in the same run (redis-benchmark EVALSHA of
# room-join.lua, a new shopper each call):
#   joins per second until every joiner has a place (Redis's ZCARD of the queue), and their latency;
#   Redis bytes per waiting shopper (used_memory before and after, and MEMORY USAGE of the queue);
#   the admission rate over a window against the setting (met within 5%);
#   every joiner exactly once: admitted + waiting = JOINERS, nobody dropped.
#   loadtest/stampede.sh [joiners] [admissions-per-second]
set -euo pipefail
cd "$(dirname "$0")/.."
JOINERS=${1:-100000}
RATE=${2:-500}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
WINDOW=${WINDOW:-20}
command -v wrk >/dev/null || { echo "stampede: needs wrk (apt-get install wrk)"; exit 2; }
command -v redis-benchmark >/dev/null || { echo "stampede: needs redis-benchmark (apt-get install redis-tools)"; exit 2; }
# Joiners never poll: they keep their places through the run.
export VELOCITY_WAITINGROOM_GRACE=${VELOCITY_WAITINGROOM_GRACE:-30m}

SCRIPT=stampede
. loadtest/stack.sh
URL=$VELOCITY_URL
REDIS_PORT=${VELOCITY_REDIS_PORT:-6390}
TOKEN=$(loadtest/tokens.sh "$VELOCITY_TOKEN_ENDPOINT" --admin "$VELOCITY_ADMIN_SECRET")
[ -n "$TOKEN" ] || { echo "stampede: no admin token from $VELOCITY_TOKEN_ENDPOINT"; exit 1; }
TOKENS=$(mktemp)
node loadtest/mint-tokens.mjs "$VELOCITY_TOKEN_ENDPOINT" "$JOINERS" "$TOKENS" "crowd-$(date +%s)"
auth=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
redis() { redis-cli -p "$REDIS_PORT" "$@"; }
put() { curl -sf -X PUT "${auth[@]}" "$URL$1" -d "$2" > /dev/null || { echo "stampede: PUT $1 refused"; exit 1; }; }
room_off() { curl -sf -X DELETE "${auth[@]}" "$URL/admin/sales/$1/waiting-room" > /dev/null; }
in_seconds() { date -u -d "@$(($(date +%s) + $1))" +%Y-%m-%dT%H:%M:%SZ; }
used_memory() { redis INFO memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p'; }
now() { date +%s.%N; }
run_id=$(date +%s)
rows=()

echo "stampede: warming up the JIT (${WARMUP_SECONDS:=30} s of joins on a room of its own)"
put "/admin/sales/warmup-$run_id" '{"name":"warm-up","stock":1000000}'
put "/admin/sales/warmup-$run_id/waiting-room" '{"admissionsPerSecond":1,"admissionSeconds":600,"paused":true}'
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" -s loadtest/lua/join.lua "$URL" -- "warmup-$run_id" "$TOKENS" "$WRK_THREADS" > /dev/null
room_off "warmup-$run_id"

echo "stampede: ceiling (redis-benchmark EVALSHA of room-join.lua, a new shopper each call, 50 clients)"
c="ceiling-$run_id"
put "/admin/sales/$c" "{\"name\":\"ceiling\",\"stock\":1000000,\"startsAt\":\"$(in_seconds 3600)\"}"
put "/admin/sales/$c/waiting-room" '{"admissionsPerSecond":1,"admissionSeconds":600,"paused":true}'
sha=$(redis SCRIPT LOAD "$(cat redis-scripts/src/main/resources/velocity/redis/room-join.lua)")
k="sale:{$c}"
ceiling=$(redis-benchmark -p "$REDIS_PORT" -c 50 -n 300000 -r 1000000000 -q EVALSHA "$sha" 5 "$k" "$k:room" "$k:room:queue" \
  "$k:room:seen" "$k:room:admitted" "shopper-__rand_int__" join | sed -n 's/.*: \([0-9.]*\) requests per second.*/\1/p' | head -1)
room_off "$c"
rows+=("| Redis ceiling: EVALSHA room-join.lua, a new shopper each call (redis-benchmark, 50 clients) | ${ceiling%.*} joins/s | | |")

s="stampede-$run_id"
# The start falls inside the stampede: the first joiners are drawn at random, the rest queue in
# arrival order. Paused: nobody is admitted until every joiner is counted.
put "/admin/sales/$s" "{\"name\":\"stampede\",\"stock\":10000000,\"startsAt\":\"$(in_seconds 5)\"}"
put "/admin/sales/$s/waiting-room" "{\"admissionsPerSecond\":$RATE,\"admissionSeconds\":600,\"paused\":true}"
q="sale:{$s}:room:queue"
memory_before=$(used_memory)
echo "stampede: $JOINERS joiners, $CONNECTIONS connections"
out=$(mktemp)
started=$(now)
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d600s --latency -s loadtest/lua/join.lua "$URL" -- "$s" "$TOKENS" "$WRK_THREADS" > "$out" &
wrk_pid=$!
while [ "$(redis ZCARD "$q")" -lt "$JOINERS" ]; do
  kill -0 "$wrk_pid" 2>/dev/null || { echo "stampede: wrk ended with $(redis ZCARD "$q") of $JOINERS in"; exit 1; }
  sleep 0.05
done
ended=$(now)
kill -INT "$wrk_pid"; wait "$wrk_pid" || true
r=$(grep RESULT "$out")
get() { echo "$r" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
joins=$(awk -v n="$JOINERS" -v a="$started" -v b="$ended" 'BEGIN { printf "%.0f", n / (b - a) }')
ratio=$(awk -v a="$joins" -v b="${ceiling:-1}" 'BEGIN { printf "%.2f", a / b }')
rows+=("| stampede: $JOINERS shoppers join (then re-join, same place, until the last is in) | $joins joins/s (x$ratio of ceiling) | p50 $(get p50_ms) / p99 $(get p99_ms) / max $(get max_ms) ms over $(get requests) requests | 200: $(get ok), other: $(get other), errors: $(get errors) |")

memory_after=$(used_memory)
queue_bytes=$(( $(redis MEMORY USAGE "$q" SAMPLES 0) + $(redis MEMORY USAGE "sale:{$s}:room:seen" SAMPLES 0) ))
rows+=("| Redis bytes per waiting shopper | $(( (memory_after - memory_before) / JOINERS )) B (used_memory) | $((queue_bytes / JOINERS)) B (MEMORY USAGE of queue + last-seen) | |")

echo "stampede: the inlet opens at $RATE/s; measured over ${WINDOW} s"
put "/admin/sales/$s/waiting-room" "{\"admissionsPerSecond\":$RATE,\"admissionSeconds\":600,\"paused\":false}"
sleep 2
a1=$(redis HGET "sale:{$s}:room" admitted); t1=$(now)
sleep "$WINDOW"
a2=$(redis HGET "sale:{$s}:room" admitted); t2=$(now)
measured=$(awk -v a="$a1" -v b="$a2" -v s="$t1" -v e="$t2" 'BEGIN { printf "%.1f", (b - a) / (e - s) }')
verdict=$(awk -v m="$measured" -v r="$RATE" 'BEGIN { d = (m - r) / r; if (d < 0) d = -d; printf "%s (%.1f%% off)", (d <= 0.05 ? "met" : "NOT MET"), d * 100 }')
rows+=("| admission rate, setting $RATE/s (the inlet ticks every 200 ms) | $measured admissions/s | within 5%: $verdict | |")

admitted=$(redis HGET "sale:{$s}:room" admitted); waiting=$(redis ZCARD "$q"); left=$(redis HGET "sale:{$s}:room" left || true)
check="ok"; [ $((admitted + waiting)) -eq "$JOINERS" ] && [ "${left:-0}" = "0" ] || check="FAILED"
rows+=("| every joiner exactly once | admitted $admitted + waiting $waiting = $((admitted + waiting)) of $JOINERS, left ${left:-0} | | $check |")

echo
echo "| figure | value | beside | check |"
echo "| --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
rm -f "$TOKENS" "$out"
