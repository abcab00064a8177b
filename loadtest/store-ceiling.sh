#!/usr/bin/env bash
# The order store's write ceiling (the worker's DynamoDbOrderStore, no queue) into a new table and
# into the worker's own table once it holds many orders, in turns in one sitting, with dynalite's
# CPU per written order: whether dynalite's cost per item grows with the table it goes into, and
# so which ceiling the worker's drain compares with.
#   loadtest/store-ceiling.sh      FILL (400,000) orders first, then ROUNDS (3) of ORDERS (70,000)
set -euo pipefail
cd "$(dirname "$0")/.."
FILL=${FILL:-400000}
ORDERS=${ORDERS:-70000}
ROUNDS=${ROUNDS:-3}
[ -n "${VELOCITY_SKIP_BUILD:-}" ] || ./mvnw -q -B -pl api-service,order-worker -am -DskipTests package

SCRIPT=store-ceiling
. loadtest/stack.sh
[ -n "$stack_pid" ] || { echo "$SCRIPT: needs a stack of its own (unset VELOCITY_URL)"; exit 2; }
./mvnw -q -B -pl order-worker -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
endpoint="http://127.0.0.1:$VELOCITY_DYNAMODB_PORT"
table=velocity-orders
dynalite_pid=$(pgrep -f dynalite-server.js | head -1)
# The writer on the API's JVM, as bench.sh runs it.
api_java=java
api_pid=$(pgrep -f api-service.jar | head -1 || true)
[ -n "$api_pid" ] && api_java=$(readlink "/proc/$api_pid/exe")
ticks() { awk '{ print $14 + $15 }' "/proc/$dynalite_pid/stat"; }
# ceiling <orders> [table]: prints "<orders/s> <dynalite CPU us per written order>"
ceiling() {
  local before rate
  before=$(ticks)
  rate=$("$api_java" -cp "order-worker/target/test-classes:order-worker/target/classes:$(cat order-worker/target/bench-classpath.txt)" \
    dev.velocity.worker.order.dynamodb.WriteCeiling "$endpoint" "$1" 170 8 ${2:+"$2"} 2>/dev/null \
    | sed -n 's/^RESULT .*rate=\([0-9]*\).*/\1/p')
  # WriteCeiling writes a fifth as many first (at least 2,000), untimed: counted in the CPU.
  awk -v a="$before" -v b="$(ticks)" -v t="$(getconf CLK_TCK)" -v n="$(($1 + ($1 / 5 > 2000 ? $1 / 5 : 2000)))" -v r="$rate" \
    'BEGIN { printf "%s %.0f\n", r, (b - a) / t * 1e6 / n }'
}

echo "$SCRIPT: filling $table with $FILL orders"
ceiling "$FILL" "$table" > /dev/null
echo
echo "Order store's write ceiling, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD), $(nproc) cores: $ORDERS orders a run, batches of 170, 8 at once; $table held $FILL orders and more each round"
echo
echo "| round | table | orders/s | dynalite CPU us per written order |"
echo "| --- | --- | --- | --- |"
for round in $(seq 1 "$ROUNDS"); do
  read -r rate cpu < <(ceiling "$ORDERS")
  echo "| $round | a new table | $rate | $cpu |"
  read -r rate cpu < <(ceiling "$ORDERS" "$table")
  echo "| $round | $table | $rate | $cpu |"
done
