#!/usr/bin/env bash
# Redis bytes per live order, A/B of two revisions of purchase.lua in one sitting: each buys ORDERS
# units (one per shopper, every other one with an Idempotency-Key) of a sale on a Redis of this
# script's own, the queue having acknowledged them (the outbox emptied), and the table shows what
# each order costs: the whole dataset, and the orders, buyers and idempotency hashes.
#   loadtest/order-bytes.sh [base-rev] [orders]    (base: the revision before the compact order form)
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-628a728^}
ORDERS=${2:-5000}
command -v redis-server >/dev/null || { echo "order-bytes: needs redis-server (apt-get install redis-server)"; exit 2; }
PORT=${PORT:-16998}
redis-server --port "$PORT" --save '' --appendonly no > /dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do redis-cli -p "$PORT" PING > /dev/null 2>&1 && break; sleep 0.1; done
r() { redis-cli -p "$PORT" "$@"; }
dataset() { r INFO memory | tr -d '\r' | sed -n 's/^used_memory_dataset:\([0-9]*\)$/\1/p'; }
usage() { r MEMORY USAGE "$1" SAMPLES 0; }
upsert=$(r SCRIPT LOAD "$(cat redis-scripts/src/main/resources/velocity/redis/sale-upsert.lua)")

measure() { # <label> <purchase.lua source>
  sale="bytes-$1"; k="sale:{$sale}"
  sha=$(r SCRIPT LOAD "$2")
  r EVALSHA "$upsert" 1 "$k" "$sale" "$ORDERS" 0 0 0 > /dev/null
  before=$(dataset)
  awk -v n="$ORDERS" -v sale="$sale" -v sha="$sha" -v k="$k" 'BEGIN {
    srand(7)
    for (i = 0; i < n; i++) {
      id = sprintf("%s.%08x-%04x-4%03x-a%03x-%06x%06x", sale, rand() * 4294967295, rand() * 65535, rand() * 4095,
        rand() * 4095, rand() * 16777215, rand() * 16777215)
      user = sprintf("shopper-%06d", i)
      key = (i % 2 == 0) ? sprintf("key-%06d", i) : "\"\""
      printf "EVALSHA %s 9 %s %s:buyers %s:orders %s:idem %s:outbox %s:rate:shopper:%s %s:rate:address:10.0.0.1 %s:room %s:room:admitted %s %s 1 %s %s 5000 0 0 0 0 0\n",
        sha, k, k, k, k, k, k, user, k, k, k, sale, user, id, key
    }
  }' | r > /dev/null
  r DEL "$k:outbox" > /dev/null
  after=$(dataset)
  sold=$(r HGET "$k" sold)
  printf '| %s | %d | %d | %d | %d |\n' "$1" $(( (after - before) / sold )) $(( $(usage "$k:orders") / sold )) \
    $(( $(usage "$k:buyers") / sold )) $(( $(usage "$k:idem") * 2 / sold ))
}

echo "Redis bytes per live order, $ORDERS orders of one sale (every other one keyed), $(date -u +%Y-%m-%dT%H:%MZ), $(redis-server --version | sed 's/.*v=\([^ ]*\).*/Redis \1/')"
echo "| purchase.lua | dataset per order | orders hash per order | buyers hash per order | idempotency hash per keyed order |"
echo "| --- | --- | --- | --- | --- |"
measure "$BASE" "$(git show "$BASE:redis-scripts/src/main/resources/velocity/redis/purchase.lua")"
measure "working-tree" "$(cat redis-scripts/src/main/resources/velocity/redis/purchase.lua)"
