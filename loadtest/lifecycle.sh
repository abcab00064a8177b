#!/usr/bin/env bash
# Sales at the end of their life, at scale: starts the local stack (or uses VELOCITY_URL +
# VELOCITY_TOKEN_ENDPOINT + VELOCITY_ADMIN_SECRET + VELOCITY_REDIS_PORT), puts LIVE open sales
# up, measures the listings, then closes and archives ARCHIVED more sales (default 10,000) through
# the API and measures the same listings again, in the same run:
#   - GET /sales (the shop's list: live sales, from Redis) and GET /admin/sales?limit=100 (a page of
#     every state, archived ones from DynamoDB), p50 / p99 and req/s, before and after; the ratio
#     after / before says whether archived sales cost the listings anything;
#   - Redis bytes per archived sale (the tombstones), and keys of archived sales left in Redis.
#   loadtest/lifecycle.sh [archived] [live]
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHIVED=${1:-10000}
LIVE=${2:-20}
SECONDS_EACH=${SECONDS_EACH:-10}
command -v wrk >/dev/null || { echo "lifecycle: needs wrk (apt-get install wrk)"; exit 2; }

SCRIPT=lifecycle
. loadtest/stack.sh
URL=$VELOCITY_URL
TOKEN=$(loadtest/tokens.sh "$VELOCITY_TOKEN_ENDPOINT" --admin "$VELOCITY_ADMIN_SECRET")
[ -n "$TOKEN" ] || { echo "lifecycle: no admin token from $VELOCITY_TOKEN_ENDPOINT"; exit 1; }
REDIS_PORT=${VELOCITY_REDIS_PORT:-6390}
run_id=$(date +%s)
dataset() { redis-cli -p "$REDIS_PORT" INFO memory | tr -d '\r' | sed -n 's/^used_memory_dataset:\([0-9]*\)$/\1/p'; }
# p50 p99 req/s of a GET, one wrk thread, 8 connections.
measure() {
  wrk -t1 -c8 -d"${SECONDS_EACH}"s --latency "$@" \
    | awk '/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /^Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $NF }
           END { printf "%s %s %.0f %s\n", p50, p99, rps, (bad == "" ? 0 : bad) }'
}
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }

echo "lifecycle: $LIVE live sales"
for i in $(seq 1 "$LIVE"); do
  curl -sf -X PUT -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
    "$URL/admin/sales/live-$run_id-$i" -d '{"name":"Live","stock":100}' > /dev/null
done
# Warm both paths before measuring.
SECONDS_EACH=5 measure "$URL/sales" > /dev/null
SECONDS_EACH=5 measure -H "Authorization: Bearer $TOKEN" "$URL/admin/sales?limit=100" > /dev/null
read -r shop_p50_0 shop_p99_0 shop_rps_0 shop_bad_0 <<< "$(measure "$URL/sales")"
read -r admin_p50_0 admin_p99_0 admin_rps_0 admin_bad_0 <<< "$(measure -H "Authorization: Bearer $TOKEN" "$URL/admin/sales?limit=100")"

echo "lifecycle: $ARCHIVED sales closed and archived through the API"
before=$(dataset)
started=$(date +%s)
seq 1 "$ARCHIVED" | xargs -P 8 -I{} sh -c '
  id="old-'"$run_id"'-{}"
  curl -sf -X PUT -H "Authorization: Bearer '"$TOKEN"'" -H "Content-Type: application/json" "'"$URL"'/admin/sales/$id" \
    -d "{\"name\":\"Old\",\"stock\":1}" > /dev/null &&
  curl -sf -X POST -H "Authorization: Bearer '"$TOKEN"'" "'"$URL"'/admin/sales/$id/close" > /dev/null &&
  curl -sf -X POST -H "Authorization: Bearer '"$TOKEN"'" "'"$URL"'/admin/sales/$id/archive" > /dev/null || echo "failed: $id"
' | tee /tmp/lifecycle-failures.$$ | head -5
failed=$(wc -l < /tmp/lifecycle-failures.$$); rm -f /tmp/lifecycle-failures.$$
took=$(( $(date +%s) - started ))
after=$(dataset)
left=$(redis-cli -p "$REDIS_PORT" --scan --pattern "sale:{old-$run_id-*}:*" | wc -l)
live_index=$(redis-cli -p "$REDIS_PORT" SCARD velocity:sales)

SECONDS_EACH=5 measure "$URL/sales" > /dev/null
read -r shop_p50_1 shop_p99_1 shop_rps_1 shop_bad_1 <<< "$(measure "$URL/sales")"
read -r admin_p50_1 admin_p99_1 admin_rps_1 admin_bad_1 <<< "$(measure -H "Authorization: Bearer $TOKEN" "$URL/admin/sales?limit=100")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo
echo "Velocity sale lifecycle, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $LIVE live sales, $ARCHIVED archived in this run ($failed failed, ${took} s through the API), wrk 1 thread 8 connections ${SECONDS_EACH} s"
echo "| figure | with none archived | with $ARCHIVED archived | after / before |"
echo "| --- | --- | --- | --- |"
echo "| GET /sales p50 / p99 (ms) | $(ms "$shop_p50_0") / $(ms "$shop_p99_0") | $(ms "$shop_p50_1") / $(ms "$shop_p99_1") | p99 x$(ratio "$(ms "$shop_p99_1")" "$(ms "$shop_p99_0")") |"
echo "| GET /sales req/s (non-2xx) | $shop_rps_0 ($shop_bad_0) | $shop_rps_1 ($shop_bad_1) | x$(ratio "$shop_rps_1" "$shop_rps_0") |"
echo "| GET /admin/sales?limit=100 p50 / p99 (ms) | $(ms "$admin_p50_0") / $(ms "$admin_p99_0") | $(ms "$admin_p50_1") / $(ms "$admin_p99_1") | p99 x$(ratio "$(ms "$admin_p99_1")" "$(ms "$admin_p99_0")") |"
echo "| GET /admin/sales?limit=100 req/s (non-2xx) | $admin_rps_0 ($admin_bad_0) | $admin_rps_1 ($admin_bad_1) | x$(ratio "$admin_rps_1" "$admin_rps_0") |"
echo "| Redis bytes per archived sale (tombstone, expires after velocity.lifecycle.tombstone) | | $(( (after - before) / ARCHIVED )) B | |"
echo "| keys of the archived sales in Redis besides their tombstones / sales in Redis's live index | | $left / $live_index | |"
