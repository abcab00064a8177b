#!/usr/bin/env bash
# Velocity's benchmark: starts the local stack (or uses VELOCITY_URL + VELOCITY_TOKEN_ENDPOINT +
# VELOCITY_ADMIN_SECRET + VELOCITY_REDIS_PORT; on a Redis Cluster, VELOCITY_REDIS_CLUSTER=N for the
# stack it starts or VELOCITY_REDIS_NODES for a running one), then measures, with wrk on the same machine, as
# signed-in shoppers (a pool of SHOPPERS tokens from the local issuer) through the rate limits
# (raised so that the pool, far smaller than a real crowd, is not refused: the checks still run):
# in ROUNDS (3) rounds, each scenario beside the ceiling it is judged against, measured on the same
# cores in the same round:
#   - a bare endpoint (the API's Tomcat, JDK and virtual threads, one servlet answering a constant
#     409) under the same wrk load: the ceiling of what an HTTP answer costs here;
#   - sold-out storm: stock 0, every answer from the sold-out gate;
#   - Redis's ceiling: redis-benchmark EVALSHA of purchase.lua on a sold-out sale;
#   - sell-out storm: stock 10,000, ~300,000 attempts from distinct shoppers;
#   - selling storm with the worker paused (on hosts of its own it takes no CPU from the API):
#     every request accepted, SQS hand-off included; then that backlog's drain alone;
#   - the order store's own write ceiling: the worker's DynamoDbOrderStore writing as many orders
#     into the stack's dynalite, in the batches the worker received, with no queue;
# then the broadcast (last purchase -> STOMP subscriber sees the final 0) and the API's heap. It
# prints the verdicts (medians, ratio to the ceiling, target, met or not), every round's figures
# with a correctness check (never oversold, every sold unit persisted), and CPU per request.
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
# On a Redis Cluster (VELOCITY_REDIS_CLUSTER=N for the stack this script starts, or
# VELOCITY_REDIS_NODES naming a running cluster's ports) a sale's keys are on the node serving its
# slot, and Redis's dataset is the masters' sum.
REDIS_NODES=${VELOCITY_REDIS_NODES:-$REDIS_PORT}
# The port of the node that serves a key: the one the first node's MOVED names, or that node.
node_of() {
  local first reply
  first=${REDIS_NODES%% *}
  reply=$(redis-cli -p "$first" EXISTS "$1" 2>&1 | tr -d '\r')
  case "$reply" in
    *MOVED*) echo "${reply##*:}" | tr -d ' ' ;;
    *) echo "$first" ;;
  esac
}
auth=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
put_sale() { curl -sf -X PUT "${auth[@]}" "$URL/admin/sales/$1" -d "{\"name\":\"$1\",\"stock\":$2}" > /dev/null; }
sale() { curl -sf "${auth[@]}" "$URL/admin/sales/$1"; }
# Units sold, from Redis (GET /admin/sales also asks DynamoDB for the sale's count).
sold_units() { redis-cli -p "$(node_of "sale:{$1}")" HGET "sale:{$1}" sold; }
# An API metric's value (first measurement).
metric() { curl -sf "$MANAGEMENT_URL/actuator/metrics/$1" | sed -n 's/.*"value":\([0-9.E+-]*\).*/\1/p'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1048576 }'; }
# Redis's dataset in bytes (used memory less Redis's own overhead).
dataset() {
  for port in $REDIS_NODES; do
    redis-cli -p "$port" ROLE | head -1 | grep -q master || continue
    redis-cli -p "$port" INFO memory | tr -d '\r' | sed -n 's/^used_memory_dataset:\([0-9]*\)$/\1/p'
  done | awk '{ total += $1 } END { printf "%d", total }'
}
# Bytes the keys of a sale hold (MEMORY USAGE of each, every element counted).
sale_bytes() {
  local port
  port=$(node_of "sale:{$1}")
  redis-cli -p "$port" --scan --pattern "sale:{$1}*" | while read -r key; do
    redis-cli -p "$port" MEMORY USAGE "$key" SAMPLES 0
  done | awk '{ total += $1 } END { printf "%d", total }'
}
admin_post() { curl -s -o /dev/null -w '%{http_code}' -X POST "${auth[@]}" "$URL/admin/sales/$1/$2"; }
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
    [ -n "$pid" ] && echo "${p%%:*} $(ticks_of "/proc/$pid/stat")"
  done
  # The API's JIT compilers, part of its figure above: on two shared cores they are still at work
  # through the rounds, on the accepted path most (results/2026-12-04-jit-through-the-rounds.md).
  pid=$(pgrep -f api-service.jar | head -1)
  [ -n "$pid" ] && echo "api-jit $(jit_ticks "$pid")"
}
# jit_ticks <pid>: the CPU ticks of the JVM's compiler threads (C1, C2) so far.
jit_ticks() {
  local t ticks total=0
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2> /dev/null || true)" in
      C1\ * | C2\ *)
        ticks=$(ticks_of "$t/stat")
        total=$((total + ticks)) ;;
    esac
  done
  echo "$total"
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

# The ceilings, measured beside the stack on the same cores: a bare endpoint (the API's Tomcat, JDK
# and virtual threads, one servlet answering a constant 409), redis-benchmark EVALSHA of the same
# purchase.lua, and the order store's own write rate (the worker's DynamoDbOrderStore writing the
# same items into the stack's dynalite, no queue). Built from the module sources, started once.
echo "bench: building the ceilings (the bare endpoint, the order store's writer)"
# Its output is kept for the one case it matters: a failed build (an unformatted source fails
# spring-javaformat's validation, for one) would otherwise end the bench with nothing said.
ceilings_build=$(mktemp)
./mvnw -q -B -pl api-service,order-worker -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt > "$ceilings_build" 2>&1 ||
  { echo "bench: building the ceilings failed ($ceilings_build):"; tail -20 "$ceilings_build"; exit 1; }
api_java=java
api_pid=$(pgrep -f api-service.jar | head -1 || true)
[ -n "$api_pid" ] && api_java=$(readlink "/proc/$api_pid/exe")
BARE_PORT=${BARE_PORT:-18099}
"$api_java" --enable-native-access=ALL-UNNAMED -Xmx512m \
  -cp "api-service/target/test-classes:api-service/target/classes:$(cat api-service/target/bench-classpath.txt)" \
  dev.velocity.api.bench.BareEndpoint "$BARE_PORT" > /dev/null 2>&1 &
bare_pid=$!
trap 'kill "$bare_pid" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null -X POST "http://127.0.0.1:$BARE_PORT/buy" && break; sleep 0.2; done
bare() { wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$1"s --latency -s loadtest/lua/buy.lua "http://127.0.0.1:$BARE_PORT" -- bare "$TOKENS" "$WRK_THREADS" | grep RESULT; }
bare 10 > /dev/null # its JIT warms up as the API's did
# Into the worker's own table: in dynalite an item costs about 1.3x the CPU in a table holding
# hundreds of thousands of orders than in a new one (loadtest/store-ceiling.sh).
ORDERS_TABLE=${VELOCITY_ORDERS_TABLE:-velocity-orders}
write_ceiling() {
  "$api_java" -cp "order-worker/target/test-classes:order-worker/target/classes:$(cat order-worker/target/bench-classpath.txt)" \
    dev.velocity.worker.order.dynamodb.WriteCeiling "http://127.0.0.1:${VELOCITY_DYNAMODB_PORT:-4567}" "$1" "$2" 8 "$ORDERS_TABLE" 2>/dev/null \
    | sed -n 's/^RESULT .*rate=\([0-9]*\).*/\1/p'
}
redis_ceiling() {
  local k="sale:{$1}" port sha
  port=$(node_of "sale:{$1}")
  sha=$(redis-cli -p "$port" SCRIPT LOAD "$(cat redis-scripts/src/main/resources/velocity/redis/purchase.lua)")
  redis-benchmark -p "$port" -c 50 -n 300000 -q EVALSHA "$sha" 9 "$k" "$k:buyers" "$k:orders" "$k:idem" "$k:outbox" \
    "$k:rate:shopper:user" "$k:rate:address:10.0.0.1" "$k:room" "$k:room:admitted" "$1" user 1 order-id "" 10000 10 100000 10 100000 0 \
    | sed -n 's/.*: \([0-9.]*\) requests per second.*/\1/p' | head -1 | cut -d. -f1
}
# The API's CPU seconds (clock ticks) so far.
api_ticks() { ticks_of "/proc/$api_pid/stat"; }
worker_pid=""
[ -n "$stack_pid" ] && worker_pid=$(pgrep -f order-worker.jar | head -1)
dataset_before=$(dataset)
put_sale "soldout-$run_id" 0
declare -a m_bare m_soldout m_sellout m_redis m_paused m_cpu_accepted m_cpu_attempt m_drain m_store
ROUNDS=${ROUNDS:-3}
for round in $(seq 1 "$ROUNDS"); do
  echo "bench: round $round of $ROUNDS: bare endpoint, sold-out storm, Redis ceiling, sell-out storm, selling storm (worker paused), drain, store ceiling"
  # Each measurement starts on a quiet machine (common.sh): what the last one left running (the
  # tail of a drain, of the store's writes) would otherwise take its CPU from the next.
  await_quiet
  r=$(bare "$SELLOUT_SECONDS"); m_bare+=("$(get "$r" rps)")
  rows+=("| round $round: bare endpoint (constant 409, same Tomcat, JDK and wrk load) | $(get "$r" rps) req/s | $(get "$r" p50_ms) / $(get "$r" p99_ms) / $(get "$r" max_ms) ms | 409: $(get "$r" sold_out), other: $(get "$r" other), errors: $(get "$r" errors) | |")

  await_quiet
  cpu_before=$(cpu_snapshot)
  r=$(storm "soldout-$run_id" "$SELLOUT_SECONDS"); m_soldout+=("$(get "$r" rps)")
  cpu_row "round $round: sold-out storm (per answer)" "$(get "$r" requests)" "$cpu_before" "$(cpu_snapshot)"
  check="ok"; [ "$(get "$r" ok)" -eq 0 ] && [ "$(sold_units "soldout-$run_id")" -eq 0 ] || check="FAILED (sold from stock 0)"
  rows+=("| round $round: sold-out storm: stock 0, every answer from the gate | $(get "$r" rps) req/s | $(get "$r" p50_ms) / $(get "$r" p99_ms) / $(get "$r" max_ms) ms | 200: $(get "$r" ok), 409: $(get "$r" sold_out), other: $(get "$r" other), errors: $(get "$r" errors) | $check |")

  put_sale "ceiling-$run_id-$round" 0
  await_quiet
  c=$(redis_ceiling "ceiling-$run_id-$round"); m_redis+=("$c")
  rows+=("| round $round: Redis ceiling: EVALSHA purchase.lua (sold out), redis-benchmark 50 clients | $c ops/s | | | |")

  put_sale "sellout-$run_id-$round" 10000
  await_quiet
  ticks=$(api_ticks)
  cpu_before=$(cpu_snapshot)
  r=$(storm "sellout-$run_id-$round" "$SELLOUT_SECONDS"); m_sellout+=("$(get "$r" rps)")
  m_cpu_attempt+=("$(awk -v a="$ticks" -v b="$(api_ticks)" -v n="$(get "$r" requests)" -v t="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) / t * 1e6 / (n > 0 ? n : 1) }')")
  cpu_row "round $round: sell-out storm (per attempt)" "$(get "$r" requests)" "$cpu_before" "$(cpu_snapshot)"
  s=$(sale "sellout-$run_id-$round")
  ok=$(get "$r" ok); sold=$(echo "$s" | field sold); remaining=$(echo "$s" | field remaining)
  # Never oversold: the client's 200s and Redis's sold stay within the stock, and the books add up.
  check="ok"; [ "$ok" -le 10000 ] && [ "$sold" -le 10000 ] && [ $((sold + remaining)) -eq 10000 ] && [ "$ok" -le "$sold" ] \
    || check="FAILED (200s $ok, sold $sold, remaining $remaining)"
  rows+=("| round $round: sell-out storm: stock 10,000, $(get "$r" requests) attempts | $(get "$r" rps) req/s | $(get "$r" p50_ms) / $(get "$r" p99_ms) / $(get "$r" max_ms) ms | 200: $ok, 409: $(get "$r" sold_out), other: $(get "$r" other), errors: $(get "$r" errors) | $check |")
  await_persisted "sellout-$run_id-$round"
  s=$(sale "sellout-$run_id-$round"); c=$(echo "$s" | field confirmed)
  [ "$c" -eq "$sold" ] || rows+=("| round $round: sell-out orders persisted | $c of $sold sold | | | FAILED |")

  if [ -n "$worker_pid" ] && [ -n "$(written)" ]; then
    # The selling storm with the worker paused (SIGSTOP), as when it runs on hosts of its own: the
    # queue takes the spike; then that backlog's drain alone, then the store's own ceiling for as
    # many orders.
    put_sale "paused-$run_id-$round" 100000000
    await_quiet
    written_before=$(written)
    received_before=$(worker_count received)
    ticks=$(api_ticks)
    cpu_before=$(cpu_snapshot)
    kill -STOP "$worker_pid"
    r=$(storm "paused-$run_id-$round" "$SELLING_SECONDS")
    kill -CONT "$worker_pid"
    ok=$(get "$r" ok)
    m_paused+=("$(awk -v n="$ok" -v s="$SELLING_SECONDS" 'BEGIN { printf "%.0f", n / s }')")
    m_cpu_accepted+=("$(awk -v a="$ticks" -v b="$(api_ticks)" -v n="$ok" -v t="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) / t * 1e6 / (n > 0 ? n : 1) }')")
    cpu_row "round $round: selling storm, the worker paused (per accepted purchase)" "$(get "$r" requests)" "$cpu_before" "$(cpu_snapshot)"
    rows+=("| round $round: selling storm, the worker paused (every request accepted, SQS hand-off included) | $(get "$r" rps) req/s | $(get "$r" p50_ms) / $(get "$r" p99_ms) / $(get "$r" max_ms) ms | 200: $ok, other: $(get "$r" other), errors: $(get "$r" errors) | |")
    sold=$(sold_units "paused-$run_id-$round")
    start=$(date +%s.%N)
    cpu_before=$(cpu_snapshot)
    for _ in $(seq 1 6000); do [ $(($(written) - written_before)) -ge "$sold" ] && break; sleep 0.1; done
    end=$(date +%s.%N)
    cpu_row "round $round: drain alone (per persisted order)" "$sold" "$cpu_before" "$(cpu_snapshot)"
    await_persisted "paused-$run_id-$round"
    confirmed=$(sale "paused-$run_id-$round" | field confirmed)
    check="ok"; [ "$confirmed" -eq "$sold" ] && [ "$ok" -le "$sold" ] || check="FAILED (sold $sold, persisted $confirmed, 200s $ok)"
    drain=$(awk -v n="$sold" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }'); m_drain+=("$drain")
    messages=$(($(worker_count received) - received_before))
    per_message=$(awk -v o="$sold" -v m="$messages" 'BEGIN { printf "%.0f", o / (m > 0 ? m : 1) }')
    rows+=("| round $round: drain alone: that storm's $sold orders persisted by the worker ($messages SQS messages, $per_message orders each) | $drain orders/s | | | $check |")
    await_quiet
    cpu_before=$(cpu_snapshot)
    store=$(write_ceiling "$sold" $((per_message * 10))); m_store+=("$store")
    # WriteCeiling writes a fifth as many first (at least 2,000), untimed: counted here too.
    cpu_row "round $round: order store's ceiling (per written order; the writer's own JVM not shown)" \
      $((sold + (sold / 5 > 2000 ? sold / 5 : 2000))) "$cpu_before" "$(cpu_snapshot)"
    rows+=("| round $round: order store's ceiling: the worker's store writing $sold orders into its table in batches of $((per_message * 10)), 8 at once, no queue | $store orders/s | | | |")
  fi
done

# What a sale costs Redis while live (round 1's sell-out, every order stored), and once archived.
dataset_live=$(dataset)
admin_post "sellout-$run_id-1" close > /dev/null
archived=$(admin_post "sellout-$run_id-1" archive)
# Orders the rounds' sales took (every one stored by now).
taken=0
for round in $(seq 1 "$ROUNDS"); do
  for sale_id in "sellout-$run_id-$round" "paused-$run_id-$round"; do
    units=$(sold_units "$sale_id"); taken=$((taken + ${units:-0}))
  done
done
rows+=("| Redis bytes per live order (the dataset's growth over the rounds, per order they took: $taken) | $(( (dataset_live - dataset_before) / (taken > 0 ? taken : 1) )) B | | | |")
check="ok"; [ "$archived" = "200" ] || check="FAILED (archive answered $archived)"
rows+=("| Redis bytes per archived sale (round 1's sell-out archived: the keys it leaves, MEMORY USAGE) | $(sale_bytes "sellout-$run_id-1") B | | | $check |")

echo "bench: broadcast latency"
# A failed broadcast measurement leaves its row empty; the other figures still print.
b=$(node loadtest/broadcast-latency.mjs "$URL" "$TOKEN" "$TOKENS" 30 | grep RESULT) || echo "bench: the broadcast measurement failed"
rows+=("| broadcast: last purchase -> subscriber sees remaining 0 | | $(get "$b" p50_ms) / $(get "$b" p99_ms) / $(get "$b" max_ms) ms | 30 sell-outs | |")

# The live set (old generation after the last collection): stable from the warm-up to the end, and
# within the maximum heap the API runs with.
live_after=$(metric jvm.gc.live.data.size)
rows+=("| api-service heap: live after GC, after the warm-up -> after the storms (of the maximum) | $(mb "$live_after_warmup") -> $(mb "$live_after") (of $(mb "$(metric 'jvm.memory.max?tag=area:heap')")) | | | |")

# The verdicts: each figure against its ceiling from the same rounds (medians), and the target.
median() { printf '%s\n' "$@" | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
verdicts=()
# verdict <figure> <measured> <ceiling or ""> <at least|at most> <target> <unit>
verdict() {
  local value=$2
  [ -n "$2" ] || { verdicts+=("| $1 | not measured | | | $4 $5 | not measured |"); return; }
  if [ -n "$3" ]; then value=$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'); fi
  local met
  met=$(awk -v v="$value" -v t="$5" -v how="$4" 'BEGIN { print ((how == "at least" ? v >= t : v <= t) ? "met" : "NOT MET") }')
  if [ -n "$3" ]; then
    verdicts+=("| $1 | $2$6 | $3$6 | $value | $4 ${5}x | $met |")
  else
    verdicts+=("| $1 | $2$6 | | | $4 $5$6 | $met |")
  fi
}
verdict "sold-out storm / bare endpoint" "$(median "${m_soldout[@]}")" "$(median "${m_bare[@]}")" "at least" 0.9 " req/s"
verdict "sell-out storm / bare endpoint" "$(median "${m_sellout[@]}")" "$(median "${m_bare[@]}")" "at least" 0.7 " req/s"
verdict "sell-out storm / Redis EVALSHA ceiling" "$(median "${m_sellout[@]}")" "$(median "${m_redis[@]}")" "at least" 0.6 " req/s"
verdict "selling storm (worker paused), accepted/s / bare endpoint" "$(median "${m_paused[@]}")" "$(median "${m_bare[@]}")" "at least" 0.2 " req/s"
verdict "API CPU per accepted purchase / per sell-out attempt" "$(median "${m_cpu_accepted[@]}")" "$(median "${m_cpu_attempt[@]}")" "at most" 2.5 " us"
verdict "drain alone / the order store's own write ceiling" "$(median "${m_drain[@]}")" "$(median "${m_store[@]}")" "at least" 0.8 " orders/s"
verdict "broadcast p99, last purchase to a subscriber's final 0" "$(get "$b" p99_ms)" "" "at most" 150 " ms"
verdict "API live heap after the storms" "$(awk -v b="${live_after:-0}" 'BEGIN { printf "%.0f", b / 1048576 }')" "" "at most" 128 " MB"

echo
jvm=$(curl -sf "$MANAGEMENT_URL/actuator/metrics/jvm.info" | sed -n 's/.*"tag":"version","values":\["\([^"]*\)".*/\1/p')
echo "Velocity benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD), $(nproc) cores, API on Java ${jvm:-?}, load generator on the same machine (wrk, $WRK_THREADS threads, $CONNECTIONS connections, $SHOPPERS signed-in shoppers), $ROUNDS rounds"
echo
echo "Verdicts (medians of the rounds; each ceiling measured in the same rounds, on the same cores)"
echo "| figure | measured | ceiling | ratio | target | verdict |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${verdicts[@]}"
echo
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
