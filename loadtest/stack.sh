# Sourced by the load-test scripts: starts the local stack on ports of its own (unless VELOCITY_URL
# names a running one), as behind a load balancer (each shopper's address in X-Forwarded-For),
# with the rate limits raised (a pool of shoppers sending as fast as wrk can is no crowd; the
# checks still run), and stops it on exit. Sets VELOCITY_URL, VELOCITY_TOKEN_ENDPOINT and, when
# it started the stack, stack_pid and the management URLs (and VELOCITY_REDIS_NODES, the ports of a
# Redis Cluster's nodes, when VELOCITY_REDIS_CLUSTER asked for one). The caller names itself in
# $SCRIPT.
stack_pid=""
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cleanup() {
  # A worker left paused would not stop.
  [ -n "${worker_pid:-}" ] && { kill -CONT "$worker_pid" 2>/dev/null || true; }
  [ -n "$stack_pid" ] || return 0
  kill -INT "$stack_pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$stack_pid" 2>/dev/null || return 0; sleep 1; done
  kill -KILL "$stack_pid" 2>/dev/null || true
}
trap cleanup EXIT

if [ -z "${VELOCITY_URL:-}" ]; then
  data=$(mktemp -d)
  export VELOCITY_DATA_DIR=$data VELOCITY_API_PORT=${VELOCITY_API_PORT:-18080} VELOCITY_WORKER_PORT=${VELOCITY_WORKER_PORT:-18081} \
    VELOCITY_REDIS_PORT=${VELOCITY_REDIS_PORT:-16390} VELOCITY_SQS_PORT=${VELOCITY_SQS_PORT:-19324} \
    VELOCITY_DYNAMODB_PORT=${VELOCITY_DYNAMODB_PORT:-14567} VELOCITY_ADMIN_SECRET=${VELOCITY_ADMIN_SECRET:-bench-secret} \
    VELOCITY_ISSUER_PORT=${VELOCITY_ISSUER_PORT:-19400} VELOCITY_API_MANAGEMENT_PORT=${VELOCITY_API_MANAGEMENT_PORT:-18090} \
    VELOCITY_WORKER_MANAGEMENT_PORT=${VELOCITY_WORKER_MANAGEMENT_PORT:-18091}
  # As behind a load balancer: each shopper's address in X-Forwarded-For; a pool of shoppers
  # sending as fast as wrk can is no crowd, so the limits are raised (their checks still run).
  export VELOCITY_HTTP_TRUSTEDPROXIES=127.0.0.1/32 VELOCITY_RATELIMIT_SHOPPER_PERSECOND=${VELOCITY_RATELIMIT_SHOPPER_PERSECOND:-100000} \
    VELOCITY_RATELIMIT_SHOPPER_BURST=${VELOCITY_RATELIMIT_SHOPPER_BURST:-100000} \
    VELOCITY_RATELIMIT_ADDRESS_PERSECOND=${VELOCITY_RATELIMIT_ADDRESS_PERSECOND:-100000} \
    VELOCITY_RATELIMIT_ADDRESS_BURST=${VELOCITY_RATELIMIT_ADDRESS_BURST:-100000}
  ./velocity run > "$data/run.log" 2>&1 &
  stack_pid=$!
  for _ in $(seq 1 240); do
    grep -q "Velocity is ready" "$data/run.log" && break
    kill -0 "$stack_pid" 2>/dev/null || break
    sleep 1
  done
  grep -q "Velocity is ready" "$data/run.log" || { echo "$SCRIPT: the stack did not start"; tail -20 "$data/run.log"; exit 1; }
  VELOCITY_URL=http://127.0.0.1:$VELOCITY_API_PORT
  VELOCITY_MANAGEMENT_URL=http://127.0.0.1:$VELOCITY_API_MANAGEMENT_PORT
  VELOCITY_WORKER_URL=http://127.0.0.1:$VELOCITY_WORKER_MANAGEMENT_PORT
  VELOCITY_TOKEN_ENDPOINT=http://127.0.0.1:$VELOCITY_ISSUER_PORT/token
  # On a Redis Cluster (VELOCITY_REDIS_CLUSTER=N): its nodes' ports, as the run printed them.
  nodes=$(sed -n 's/.*a Redis Cluster of .* replicas: \([0-9.:,]*\).*/\1/p' "$data/run.log" | head -1)
  [ -z "$nodes" ] || VELOCITY_REDIS_NODES=$(echo "$nodes" | tr ',' '\n' | sed 's/.*://' | tr '\n' ' ')
fi
