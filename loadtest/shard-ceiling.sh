#!/usr/bin/env bash
# What one Redis Cluster shard carries: a shard is one Redis thread, so its ceiling is what one
# redis-server runs of purchase.lua, measured with redis-benchmark EVALSHA against a sale the API
# defined (the same keys and arguments the API sends), in one sitting:
#   - a refusal that reaches Redis (sold-out sale): what a 409 costs a shard;
#   - an accepted purchase (stock enough for all, a new shopper and order id each call, the
#     outbox grace at an hour so that the relay leaves these orders alone): what a sale costs it.
# From these the README's sizing rule: shards = concurrent purchase attempts reaching Redis per
# second / (the accepted ceiling x the utilization allowed).
#   loadtest/shard-ceiling.sh [requests]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-300000}
command -v redis-benchmark >/dev/null || { echo "shard-ceiling: needs redis-benchmark (apt-get install redis-tools)"; exit 2; }
SCRIPT=shard-ceiling
. loadtest/stack.sh
URL=$VELOCITY_URL
TOKEN=$(loadtest/tokens.sh "$VELOCITY_TOKEN_ENDPOINT" --admin "$VELOCITY_ADMIN_SECRET")
REDIS_PORT=${VELOCITY_REDIS_PORT:-6390}
auth=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
put_sale() { curl -sf -X PUT "${auth[@]}" "$URL/admin/sales/$1" -d "{\"name\":\"$1\",\"stock\":$2}" > /dev/null; }
run_id=$(date +%s)
sha=$(redis-cli -p "$REDIS_PORT" SCRIPT LOAD "$(cat redis-scripts/src/main/resources/velocity/redis/purchase.lua)")
# evalsha <sale> <shopper> <order id> <outbox grace ms>: one purchase as the API sends it.
rate() {
  local k="sale:{$1}"
  redis-benchmark -p "$REDIS_PORT" -c 50 -n "$REQUESTS" -r 100000000 -q EVALSHA "$sha" 9 "$k" "$k:buyers" "$k:orders" \
    "$k:idem" "$k:outbox" "$k:rate:shopper:$2" "$k:rate:address:10.0.0.1" "$k:room" "$k:room:admitted" "$1" "$2" 1 "$3" "" \
    "$4" 0 100000 0 100000 0 | sed -n 's/.*: \([0-9.]*\) requests per second.*/\1/p' | head -1
}
cpu() { awk '{ print $14 + $15 }' "/proc/$(pgrep -f "redis-server.*:$REDIS_PORT" | head -1)/stat" 2>/dev/null || echo 0; }
rows=()
for round in 1 2 3; do
  put_sale "refused-$run_id-$round" 0
  refused=$(rate "refused-$run_id-$round" user order-id 10000)
  put_sale "accepted-$run_id-$round" 1000000000
  before=$(cpu)
  accepted=$(rate "accepted-$run_id-$round" "shopper-__rand_int__" "order-__rand_int__" 3600000)
  after=$(cpu)
  sold=$(redis-cli -p "$REDIS_PORT" HGET "sale:{accepted-$run_id-$round}" sold)
  us=$(awk -v a="$before" -v b="$after" -v n="$sold" -v t="$(getconf CLK_TCK)" 'BEGIN { if (n > 0 && b > a) printf "%.1f", (b - a) / t * 1e6 / n; else print "n/a" }')
  rows+=("| $round | ${refused%.*} | ${accepted%.*} | $sold | $us |")
done
echo
echo "shard-ceiling $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD), $(nproc) cores, redis $(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p')"
echo "| round | refusals/s (sold out) | accepted purchases/s | units taken | Redis CPU per accepted (us) |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
