#!/usr/bin/env bash
# Velocity's benchmark: starts the local stack (or uses VELOCITY_URL + VELOCITY_TOKEN_ENDPOINT +
# VELOCITY_ADMIN_SECRET + VELOCITY_REDIS_PORT), then measures, with wrk on the same machine, as
# signed-in shoppers (a pool of SHOPPERS tokens from the local issuer) through the rate limits
# (raised so that the pool, far smaller than a real crowd, is not refused: the checks still run):
#   1. the ceiling: redis-benchmark EVALSHA of purchase.lua on a sold-out sale (what a 409 costs Redis)
#   2. sell-out storm: stock 10,000, ~300,000 attempts from distinct shoppers
#   2b. sold-out storm: stock 0 (every answer from the sold-out gate), with 1 wrk thread too
#   3. selling storm: every request accepted (SQS hand-off included)
#   4. drain: accepted orders persisted by the worker, per second
#   3b/4b. the selling storm again with the worker paused (on hosts of its own it takes no CPU from
#      the API), then its backlog's drain with nothing else running
#   5. broadcast: last purchase -> STOMP subscriber sees the final 0
#   6. the API's heap after the storms
# and prints a table with a correctness check (never oversold, and every sold unit persisted).
#   loadtest/bench.sh [sellout-seconds] [selling-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SELLOUT_SECONDS=${1:-10}
SELLING_SECONDS=${2:-15}
CONNECTIONS=${CONNECTIONS:-64}
# Two wrk threads: one gets too little CPU once the worker drains beside it on two cores.
WRK_THREADS=${WRK_THREADS:-2}
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)"; exit 2; }
command -v redis-benchmark >/dev/null || { echo "bench: needs redis-benchmark (apt-get install redis-tools)"; exit 2; }

SCRIPT=bench
. loadtest/stack.sh
URL=$VELOCITY_URL
MANAGEMENT_URL=${VELOCITY_MANAGEMENT_URL:-$URL}
TOKEN=$(loadtest/tokens.sh "$VELOCITY_TOKEN_ENDPOINT" --admin "$VELOCITY_ADMIN_SECRET")
[ -n "$TOKEN" ] || { echo "bench: no admin token from $VELOCITY_TOKEN_ENDPOINT"; exit 1; }
TOKENS=$(mktemp)
loadtest/tokens.sh "$VELOCITY_TOKEN_ENDPOINT" "${SHOPPERS:=2000}" "$TOKENS"
REDIS_PORT=${VELOCITY_REDIS_PORT:-6390}
auth=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
put_sale() { curl -sf -X PUT "${auth[@]}" "$URL/admin/sales/$1" -d "{\"name\":\"$1\",\"stock\":$2}" > /dev/null; }
sale() { curl -sf "${auth[@]}" "$URL/admin/sales/$1"; }
# Units sold, from Redis (GET /admin/sales also asks DynamoDB for the sale's count).
sold_units() { redis-cli -p "$REDIS_PORT" HGET "sale:{$1}" sold; }
# An API metric's value (first measurement).
metric() { curl -sf "$MANAGEMENT_URL/actuator/metrics/$1" | sed -n 's/.*"value":\([0-9.E+-]*\).*/\1/p'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1048576 }'; }
# Redis's dataset in bytes (used memory less Redis's own overhead).
dataset() { redis-cli -p "$REDIS_PORT" INFO memory | tr -d '\r' | sed -n 's/^used_memory_dataset:\([0-9]*\)$/\1/p'; }
# Bytes the keys of a sale hold (MEMORY USAGE of each, every element counted).
sale_bytes() {
  redis-cli -p "$REDIS_PORT" --scan --pattern "sale:{$1}*" | while read -r key; do
    redis-cli -p "$REDIS_PORT" MEMORY USAGE "$key" SAMPLES 0
  done | awk '{ total += $1 } END { printf "%d", total }'
}
admin_post() { curl -s -o /dev/null -w '%{http_code}' -X POST "${auth[@]}" "$URL/admin/sales/$1/$2"; }
# A worker counter, all sales (empty when the worker's URL is unknown).
worker_count() {
  [ -n "${VELOCITY_WORKER_URL:-}" ] || return 0
  curl -sf "$VELOCITY_WORKER_URL/actuator/metrics/velocity.worker.$1" | sed -n 's/.*"value":\([0-9.E+]*\).*/\1/p' | awk '{ printf "%d", $1 }'
}
written() { worker_count written; }
# Waits until the worker has written at least $1 orders in all (when its URL is known).
await_written() {
  [ -n "${VELOCITY_WORKER_URL:-}" ] || return 0
  for _ in $(seq 1 6000); do [ "$(written)" -ge "$1" ] && return 0; sleep 0.2; done
}
# Waits until a sale's sold units are all persisted (COUNT from the API every 2 s).
await_persisted() {
  for _ in $(seq 1 300); do
    s=$(sale "$1"); [ "$(echo "$s" | field confirmed)" = "$(echo "$s" | field sold)" ] && return 0
    sleep 2
  done
}
storm() { wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$2"s --latency -s loadtest/lua/buy.lua "$URL" -- "$1" "$TOKENS" "$WRK_THREADS" | grep RESULT; }
get() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
run_id=$(date +%s)
rows=()
cpu_rows=()

# CPU seconds of each local process (only when this script started the stack): where a request's
# cost goes.
processes=(api:api-service.jar worker:order-worker.jar sqs-elasticmq:launcher-exec.jar dynamodb-dynalite:dynalite-server.js redis:redis-server)
cpu_snapshot() {
  [ -n "$stack_pid" ] || return 0
  for p in "${processes[@]}"; do
    pid=$(pgrep -f "${p#*:}" | head -1)
    [ -n "$pid" ] && echo "${p%%:*} $(awk '{ print $14 + $15 }' "/proc/$pid/stat")"
  done
}
# cpu_row <scenario> <requests> <before> <after>
cpu_row() {
  [ -n "$stack_pid" ] || return 0
  cpu_rows+=("| $1 | $(paste <(echo "$3") <(echo "$4") | awk -v t="$(getconf CLK_TCK)" -v r="$2" \
    '{ printf "%s%s %.0f", (NR > 1 ? ", " : ""), $1, ($4 - $2) / t * 1e6 / r }') |")
}

# The JIT needs minutes of traffic before the figures settle on two shared cores (the first 20 s of a
# fresh API run at a tenth of its warm rate, the first minute at half): warm the accepting and the
# sold-out path, then let the worker persist the warm-up's orders before anything is measured.
echo "bench: warming up the JIT (${WARMUP_SECONDS:=180} s)"
put_sale "warmup-$run_id" 100000000
storm "warmup-$run_id" $((WARMUP_SECONDS * 2 / 3)) > /dev/null
put_sale "warmup-out-$run_id" 1
storm "warmup-out-$run_id" $((WARMUP_SECONDS / 3)) > /dev/null
await_written "$(sold_units "warmup-$run_id")"
live_after_warmup=$(metric jvm.gc.live.data.size)

echo "bench: ceiling (redis-benchmark EVALSHA of purchase.lua, sold-out sale, 50 clients)"
put_sale "ceiling-$run_id" 0
sha=$(redis-cli -p "$REDIS_PORT" SCRIPT LOAD "$(cat redis-scripts/src/main/resources/velocity/redis/purchase.lua)")
k="sale:{ceiling-$run_id}"
ceiling=$(redis-benchmark -p "$REDIS_PORT" -c 50 -n 300000 -q EVALSHA "$sha" 9 "$k" "$k:buyers" "$k:orders" "$k:idem" "$k:outbox" \
  "$k:rate:shopper:user" "$k:rate:address:10.0.0.1" "$k:room" "$k:room:admitted" "ceiling-$run_id" user 1 order-id "" 10000 10 100000 10 100000 0 | sed -n 's/.*: \([0-9.]*\) requests per second.*/\1/p' | head -1)
rows+=("| Redis ceiling: EVALSHA purchase.lua (sold out), redis-benchmark 50 clients | ${ceiling%.*} ops/s | | | | |")

echo "bench: sell-out storm (stock 10,000, ${SELLOUT_SECONDS} s)"
dataset_before=$(dataset)
put_sale "sellout-$run_id" 10000
cpu_before=$(cpu_snapshot)
r=$(storm "sellout-$run_id" "$SELLOUT_SECONDS")
cpu_row "sell-out storm (per attempt)" "$(get "$r" requests)" "$cpu_before" "$(cpu_snapshot)"
s=$(sale "sellout-$run_id")
ok=$(get "$r" ok); sold=$(echo "$s" | field sold); remaining=$(echo "$s" | field remaining)
# Never oversold: the client's 200s and Redis's sold stay within the stock, and the books add up.
check="ok"; [ "$ok" -le 10000 ] && [ "$sold" -le 10000 ] && [ $((sold + remaining)) -eq 10000 ] && [ "$ok" -le "$sold" ] \
  || check="FAILED (200s $ok, sold $sold, remaining $remaining)"
ratio=$(awk -v a="$(get "$r" rps)" -v b="${ceiling:-1}" 'BEGIN { printf "%.2f", a / b }')
rows+=("| sell-out storm: stock 10,000, $(get "$r" requests) attempts | $(get "$r" rps) req/s (x$ratio of ceiling) | $(get "$r" p50_ms) / $(get "$r" p99_ms) / $(get "$r" max_ms) ms | 200: $ok, 409: $(get "$r" sold_out), other: $(get "$r" other), errors: $(get "$r" errors) | $check |")

# The sell-out's orders persisted before the next storm: never lost, and a clean drain figure.
await_persisted "sellout-$run_id"
s=$(sale "sellout-$run_id"); c=$(echo "$s" | field confirmed); sold=$(echo "$s" | field sold)
[ "$c" -eq "$sold" ] || rows+=("| sell-out orders persisted | $c of $sold sold | | | FAILED |")
# What the sale costs Redis while live, and once archived (it has ended and every order is stored).
dataset_live=$(dataset)
admin_post "sellout-$run_id" close > /dev/null
archived=$(admin_post "sellout-$run_id" archive)
dataset_archived=$(dataset)
rows+=("| Redis bytes per live order (sell-out sale, orders stored, before archiving) | $(( (dataset_live - dataset_before) / (sold > 0 ? sold : 1) )) B | | $sold orders | |")
check="ok"; [ "$archived" = "200" ] || check="FAILED (archive answered $archived)"
rows+=("| Redis bytes per archived sale (the same sale archived: the keys it leaves, MEMORY USAGE) | $(sale_bytes "sellout-$run_id") B | | | $check |")
rows+=("| Redis dataset after archiving, against before the sale (Redis keeps its keyspace tables at their high-water mark) | $(( dataset_archived - dataset_before )) B | | | |")

# The answer once a sale is gone, alone: every 409 from the local sold-out gate. Run with one wrk
# thread too: a second wrk thread on the same two cores preempts the API's, and the tail it adds
# is the load generator's, not Velocity's.
echo "bench: sold-out storm (stock 0, ${SELLOUT_SECONDS} s), wrk $WRK_THREADS thread(s), then 1"
put_sale "soldout-$run_id" 0
for threads in "$WRK_THREADS" 1; do
  r=$(WRK_THREADS=$threads storm "soldout-$run_id" "$SELLOUT_SECONDS")
  check="ok"; [ "$(get "$r" ok)" -eq 0 ] && [ "$(sold_units "soldout-$run_id")" -eq 0 ] || check="FAILED (sold from stock 0)"
  rows+=("| sold-out storm: stock 0, $(get "$r" requests) attempts, wrk $threads thread(s) | $(get "$r" rps) req/s | $(get "$r" p50_ms) / $(get "$r" p99_ms) / $(get "$r" max_ms) ms | 200: $(get "$r" ok), 409: $(get "$r" sold_out), other: $(get "$r" other), errors: $(get "$r" errors) | $check |")
done

echo "bench: selling storm (every request accepted, ${SELLING_SECONDS} s)"
put_sale "selling-$run_id" 100000000
written_before=$(written)
received_before=$(worker_count received)
start=$(date +%s.%N)
cpu_before=$(cpu_snapshot)
r=$(storm "selling-$run_id" "$SELLING_SECONDS")
cpu_row "selling storm (per accepted purchase, the worker draining meanwhile)" "$(get "$r" requests)" "$cpu_before" "$(cpu_snapshot)"
ok=$(get "$r" ok)
storm_end=$(date +%s.%N)
written_at_end=$(written)
rows+=("| selling storm: every request accepted, SQS hand-off included, the worker draining beside it | $(get "$r" rps) req/s | $(get "$r" p50_ms) / $(get "$r" p99_ms) / $(get "$r" max_ms) ms | 200: $ok, other: $(get "$r" other), errors: $(get "$r" errors) | |")

echo "bench: drain (until every sold unit is persisted)"
sold=$(sold_units "selling-$run_id")
if [ -n "$written_before" ]; then
  # The worker's own count: cheap enough to poll every 100 ms.
  for _ in $(seq 1 6000); do [ $(($(written) - written_before)) -ge "$sold" ] && break; sleep 0.1; done
else
  await_persisted "selling-$run_id"
fi
end=$(date +%s.%N)
s=$(sale "selling-$run_id"); confirmed=$(echo "$s" | field confirmed)
drain=$(awk -v n="$confirmed" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
check="ok"; [ "$confirmed" -eq "$sold" ] && [ "$ok" -le "$sold" ] || check="FAILED (sold $sold, persisted $confirmed, 200s $ok)"
rows+=("| drain: $confirmed orders persisted by the worker, storm start to last persisted (the worker shares the cores with the storm) | $drain orders/s | | | $check |")
if [ -n "$written_before" ]; then
  backlog=$((sold - (written_at_end - written_before)))
  after=$(awk -v n="$backlog" -v a="$storm_end" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
  rows+=("| drain after the storm: the $backlog orders not yet persisted when it ended | $after orders/s | | | |")
  # Group commit at work: orders per SQS message, as the worker received them.
  messages=$(($(worker_count received) - received_before))
  rows+=("| SQS messages for the storm's orders (group commit) | $messages messages, $(awk -v o="$sold" -v m="$messages" 'BEGIN { printf "%.1f", o / (m > 0 ? m : 1) }') orders each | | | |")
fi

# The same storm with the worker paused (SIGSTOP), as when it runs on hosts of its own: the queue
# takes the spike, and the backlog's drain is then measured with nothing else running. Only with
# a stack this script started (it knows the worker's process).
worker_pid=""
[ -n "$stack_pid" ] && worker_pid=$(pgrep -f order-worker.jar | head -1)
if [ -n "$worker_pid" ] && [ -n "$written_before" ]; then
  echo "bench: selling storm with the worker paused (${SELLING_SECONDS} s), then the drain alone"
  put_sale "paused-$run_id" 100000000
  written_before=$(written)
  cpu_before=$(cpu_snapshot)
  kill -STOP "$worker_pid"
  r=$(storm "paused-$run_id" "$SELLING_SECONDS")
  cpu_row "selling storm, the worker paused (per accepted purchase)" "$(get "$r" requests)" "$cpu_before" "$(cpu_snapshot)"
  kill -CONT "$worker_pid"
  ok=$(get "$r" ok)
  rows+=("| selling storm, the worker paused (the queue takes the spike) | $(get "$r" rps) req/s | $(get "$r" p50_ms) / $(get "$r" p99_ms) / $(get "$r" max_ms) ms | 200: $ok, other: $(get "$r" other), errors: $(get "$r" errors) | |")
  sold=$(sold_units "paused-$run_id")
  start=$(date +%s.%N)
  cpu_before=$(cpu_snapshot)
  for _ in $(seq 1 6000); do [ $(($(written) - written_before)) -ge "$sold" ] && break; sleep 0.1; done
  end=$(date +%s.%N)
  cpu_row "drain alone (per persisted order)" "$sold" "$cpu_before" "$(cpu_snapshot)"
  await_persisted "paused-$run_id"
  confirmed=$(sale "paused-$run_id" | field confirmed)
  check="ok"; [ "$confirmed" -eq "$sold" ] && [ "$ok" -le "$sold" ] || check="FAILED (sold $sold, persisted $confirmed, 200s $ok)"
  rows+=("| drain alone: that storm's $sold orders persisted by the worker, nothing else running | $(awk -v n="$sold" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }') orders/s | | | $check |")
fi

echo "bench: broadcast latency"
# A failed broadcast measurement leaves its row empty; the other figures still print.
b=$(node loadtest/broadcast-latency.mjs "$URL" "$TOKEN" "$TOKENS" 30 | grep RESULT) || echo "bench: the broadcast measurement failed"
rows+=("| broadcast: last purchase -> subscriber sees remaining 0 | | $(get "$b" p50_ms) / $(get "$b" p99_ms) / $(get "$b" max_ms) ms | 30 sell-outs | |")

# The live set (old generation after the last collection): stable from the warm-up to the end, and
# within the maximum heap the API runs with.
rows+=("| api-service heap: live after GC, after the warm-up -> after the storms (of the maximum) | $(mb "$live_after_warmup") -> $(mb "$(metric jvm.gc.live.data.size)") (of $(mb "$(metric 'jvm.memory.max?tag=area:heap')")) | | | |")

echo
jvm=$(curl -sf "$MANAGEMENT_URL/actuator/metrics/jvm.info" | sed -n 's/.*"tag":"version","values":\["\([^"]*\)".*/\1/p')
echo "Velocity benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, API on Java ${jvm:-?}, load generator on the same machine (wrk, $WRK_THREADS threads, $CONNECTIONS connections, $SHOPPERS signed-in shoppers)"
echo "| scenario | throughput | p50 / p99 / max | outcomes | correctness |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
if [ ${#cpu_rows[@]} -gt 0 ]; then
  echo
  echo "CPU per request, in microseconds, by process"
  echo "| scenario | CPU us per request |"
  echo "| --- | --- |"
  printf '%s\n' "${cpu_rows[@]}"
fi
