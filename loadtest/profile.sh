#!/usr/bin/env bash
# Where the API spends its CPU in one storm: starts the local stack (see stack.sh), warms the API up
# (60 s selling, 20 s sold out), then records a JFR profile (settings=profile) of the API through
# SECONDS (20) of the storm and prints the frames that hold most execution samples, inclusive (a
# frame and everything it called, so they overlap) and by self time. Shares, not speeds: a profile
# shows where to look, and an ab.sh A/B judges a change.
#   loadtest/profile.sh [selling|sellout|soldout|drain] [seconds]
#   selling: every request accepted, the worker paused (as in bench.sh); sellout: 10,000 units, then
#   Redis's sold-out answers; soldout: stock 0, every answer from the local gate; drain: the
#   worker, not the API, through the drain of the backlog that SECONDS of selling left with the
#   worker paused (as bench.sh's drain).
# Keeps the recording beside the stack's data and prints its path; FRAMES=40 sets the lists' length
# and MATCH (a regular expression) keeps only the inclusive frames it matches.
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-selling}
PROFILE_SECONDS=${2:-20}
case "$KIND" in selling | sellout | soldout | drain) ;; *) echo "usage: loadtest/profile.sh [selling|sellout|soldout|drain] [seconds]"; exit 2 ;; esac
command -v wrk >/dev/null || { echo "profile: needs wrk (apt-get install wrk)"; exit 2; }
SCRIPT=profile
# shellcheck source=loadtest/stack.sh
. loadtest/stack.sh
[ -n "$stack_pid" ] || { echo "profile: needs a stack of its own (unset VELOCITY_URL)"; exit 2; }
api=$(pgrep -f "server.port=$VELOCITY_API_PORT" | head -1)
java=$(ps -o args= -p "$api" | awk '{ print $1 }')
worker_pid=$(pgrep -f order-worker.jar | head -1)
auth=(-H "Authorization: Bearer $(loadtest/tokens.sh "$VELOCITY_TOKEN_ENDPOINT" --admin "$VELOCITY_ADMIN_SECRET")" -H "Content-Type: application/json")
TOKENS=$data/tokens
loadtest/tokens.sh "$VELOCITY_TOKEN_ENDPOINT" "${SHOPPERS:-2000}" "$TOKENS"
# storm <sale> <stock> <seconds>: wrk's RESULT line; the worker is paused while stock is sold.
storm() {
  curl -sf -X PUT "${auth[@]}" "$VELOCITY_URL/admin/sales/$1" -d "{\"name\":\"$1\",\"stock\":$2}" > /dev/null
  [ "$2" -gt 0 ] && kill -STOP "$worker_pid"
  wrk -t2 -c64 -d"$3"s --latency -s loadtest/lua/buy.lua "$VELOCITY_URL" -- "$1" "$TOKENS" 2 | grep RESULT || true
  kill -CONT "$worker_pid"
}
echo "profile: warming the API up (60 s selling, 20 s sold out)"
storm warm 100000000 60 > /dev/null
storm warm-out 1 20 > /dev/null
# Spring's filter chains run deeper than JFR's default 64 frames, which would hide the outer frames.
profile_start() {
  "${java%/java}/jcmd" "$1" JFR.configure stackdepth=512 > /dev/null
  "${java%/java}/jcmd" "$1" JFR.start name=profile settings=profile filename="$2" > /dev/null
}
profile_print() {
  "${java%/java}/jcmd" "$1" JFR.stop name=profile > /dev/null
  "${java%/java}/jfr" print --json --events jdk.ExecutionSample "$2" | node loadtest/jfr-frames.mjs "${FRAMES:-40}" "${MATCH:-}"
  echo "profile: the recording is $2"
}
if [ "$KIND" = drain ]; then
  written() { curl -sf "$VELOCITY_WORKER_URL/actuator/metrics/velocity.worker.written" | sed -n 's/.*"value":\([0-9.E+]*\).*/\1/p' | awk '{ printf "%d", $1 }'; }
  # The warm-up's backlog first: the worker is warm once it has drained it.
  warm=$(($(redis-cli -p "$VELOCITY_REDIS_PORT" HGET "sale:{warm}" sold) + 1))
  for _ in $(seq 1 6000); do [ "$(written)" -ge "$warm" ] && break; sleep 0.2; done
  before=$(written)
  recording=$data/worker-drain.jfr
  # Recording from before the pause: a stopped JVM answers no jcmd. It samples nothing while stopped.
  profile_start "$worker_pid" "$recording"
  echo "profile: selling storm with the worker paused, $PROFILE_SECONDS s: $(storm profiled-drain 100000000 "$PROFILE_SECONDS")"
  sold=$(redis-cli -p "$VELOCITY_REDIS_PORT" HGET "sale:{profiled-drain}" sold)
  start=$(date +%s.%N)
  for _ in $(seq 1 6000); do [ $(($(written) - before)) -ge "$sold" ] && break; sleep 0.1; done
  echo "profile: the worker drained $sold orders in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
  profile_print "$worker_pid" "$recording"
  exit 0
fi
stock=100000000; [ "$KIND" = sellout ] && stock=10000; [ "$KIND" = soldout ] && stock=0
recording=$data/api-$KIND.jfr
profile_start "$api" "$recording"
echo "profile: $KIND storm, $PROFILE_SECONDS s: $(storm "profiled-$KIND" "$stock" "$PROFILE_SECONDS")"
profile_print "$api" "$recording"
