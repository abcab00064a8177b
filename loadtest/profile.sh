#!/usr/bin/env bash
# Where the API spends its CPU in one storm: starts the local stack (see stack.sh), warms the API up
# (WARMUP_SECONDS, 80: three quarters selling, a quarter sold out) and lets the worker store the
# warm-up's orders, then records a JFR profile (settings=profile) of the API through
# SECONDS (20) of the storm and prints the frames that hold most execution samples, inclusive (a
# frame and everything it called, so they overlap) and by self time. Shares, not speeds: a profile
# shows where to look, and an ab.sh A/B judges a change.
#   loadtest/profile.sh [selling|sellout|soldout|drain] [seconds]
#   selling: every request accepted, the worker paused (as in bench.sh); sellout: 10,000 units, then
#   Redis's sold-out answers; soldout: stock 0, every answer from the local gate; drain: the
#   worker, not the API, through the drain of the backlog that SECONDS of selling left with the
#   worker paused (as bench.sh's drain).
# Keeps the recording beside the stack's data and prints its path; FRAMES=40 sets the lists' length
# and MATCH (a regular expression) keeps only the inclusive frames it matches, THREADS only the
# samples of the threads it matches (e.g. 'lettuce-nioEventLoop'). Then the profiled
# JVM's CPU through the storm by thread (names with their numbers folded, so "GC Thread#N"), per
# request: JFR samples only Java code, so the collector's, the compilers' and the JVM's own threads
# are seen only here. JFR=0 skips the recording (the threads' CPU then carries no profiler).
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
# The JIT is still busy after 80 s (bench.sh warms for 180 s): WARMUP_SECONDS sets it.
WARMUP_SECONDS=${WARMUP_SECONDS:-80}
echo "profile: warming the API up ($((WARMUP_SECONDS * 3 / 4)) s selling, $((WARMUP_SECONDS / 4)) s sold out)"
storm warm 100000000 $((WARMUP_SECONDS * 3 / 4)) > /dev/null
storm warm-out 1 $((WARMUP_SECONDS / 4)) > /dev/null
# Spring's filter chains run deeper than JFR's default 64 frames, which would hide the outer frames.
profile_start() {
  [ "${JFR:-1}" = 0 ] && return 0
  "${java%/java}/jcmd" "$1" JFR.configure stackdepth=512 > /dev/null
  "${java%/java}/jcmd" "$1" JFR.start name=profile settings=profile filename="$2" > /dev/null
}
# threads_cpu <pid>: "<name with its numbers folded><TAB><clock ticks>" for every live thread.
threads_cpu() {
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(sed 's/[0-9][0-9]*/N/g' "$t/comm" 2> /dev/null || true)" "$(ticks_of "$t/stat")"
  done
}
# threads_print <before> <after> <requests> <process ticks before> <process ticks after>: CPU per
# request by thread group; threads that ended during the storm are in the total only.
threads_print() {
  echo "profile: the JVM's CPU through the storm by thread, us per request ($3 requests)"
  echo "| threads | us per request | share |"
  echo "| --- | --- | --- |"
  awk -F'\t' -v total="$(($5 - $4))" '
    FNR == NR { before[$1] += $2; next }
    { after[$1] += $2 }
    END {
      for (n in after) { d = after[n] - before[n]; if (d > 0) printf "%s\t%d\n", n, d }
      printf "all threads (with those that ended)\t%d\n", total
    }' <(echo "$1") <(echo "$2") |
    sort -t$'\t' -k2,2nr |
    awk -F'\t' -v t="$(getconf CLK_TCK)" -v r="$3" -v total="$(($5 - $4))" \
      '{ printf "| %s | %.1f | %.0f%% |\n", $1, $2 / t * 1e6 / r, (total > 0 ? 100 * $2 / total : 0) }'
}
process_ticks() { ticks_of "/proc/$1/stat"; }
profile_print() {
  [ "${JFR:-1}" = 0 ] && return 0
  "${java%/java}/jcmd" "$1" JFR.stop name=profile > /dev/null
  "${java%/java}/jfr" print --stack-depth 256 --events jdk.ExecutionSample "$2" | node loadtest/jfr-frames.mjs "${FRAMES:-40}" "${MATCH:-}" "${THREADS:-}"
  echo "profile: the recording is $2"
}
# The warm-up's backlog first, as bench.sh does: a worker draining it beside the profiled storm
# would take the cores from it (and the worker is warm once it has drained it).
warm=$(($(redis-cli -p "$VELOCITY_REDIS_PORT" HGET "sale:{warm}" sold) + 1))
await_written "$warm"
if [ "$KIND" = drain ]; then
  before=$(written)
  recording=$data/worker-drain.jfr
  # Recording from before the pause: a stopped JVM answers no jcmd. It samples nothing while stopped.
  profile_start "$worker_pid" "$recording"
  echo "profile: selling storm with the worker paused, $PROFILE_SECONDS s: $(storm profiled-drain 100000000 "$PROFILE_SECONDS")"
  sold=$(redis-cli -p "$VELOCITY_REDIS_PORT" HGET "sale:{profiled-drain}" sold)
  threads_before=$(threads_cpu "$worker_pid"); ticks_before=$(process_ticks "$worker_pid")
  start=$(date +%s.%N)
  for _ in $(seq 1 6000); do [ $(($(written) - before)) -ge "$sold" ] && break; sleep 0.1; done
  echo "profile: the worker drained $sold orders in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
  threads_print "$threads_before" "$(threads_cpu "$worker_pid")" "$sold" "$ticks_before" "$(process_ticks "$worker_pid")"
  profile_print "$worker_pid" "$recording"
  exit 0
fi
stock=100000000; [ "$KIND" = sellout ] && stock=10000; [ "$KIND" = soldout ] && stock=0
recording=$data/api-$KIND.jfr
profile_start "$api" "$recording"
threads_before=$(threads_cpu "$api"); ticks_before=$(process_ticks "$api")
result=$(storm "profiled-$KIND" "$stock" "$PROFILE_SECONDS")
threads_after=$(threads_cpu "$api"); ticks_after=$(process_ticks "$api")
echo "profile: $KIND storm, $PROFILE_SECONDS s: $result"
requests=$(echo "$result" | tr ' ' '\n' | sed -n 's/^requests=//p')
threads_print "$threads_before" "$threads_after" "${requests:-1}" "$ticks_before" "$ticks_after"
profile_print "$api" "$recording"
