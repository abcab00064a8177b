# Sourced by the load-test scripts: CPU counters from /proc, in clock ticks, and the worker's counters.
# ticks_of <a /proc stat file>: the process's or thread's CPU so far (user + system), read after
# the name's last ')' since a thread's name may hold spaces; 0 once it has ended.
ticks_of() { (sed 's/.*) //' "$1" 2> /dev/null || true) | awk '{ print $12 + $13 } END { if (NR == 0) print 0 }'; }
# machine_ticks: every core's busy time so far (all but idle and iowait).
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
# await_quiet [seconds]: waits (60 s at most by default) until the whole machine keeps less than a
# quarter of a core busy over a second, so that a measurement does not share the cores with what
# the one before left running (a drain's tail, a JIT compile, a reconciliation pass). Says so when
# the machine never got there.
await_quiet() {
  local tick before level=0
  tick=$(getconf CLK_TCK)
  for _ in $(seq 1 "${1:-60}"); do
    before=$(machine_ticks); sleep 1; level=$(($(machine_ticks) - before))
    [ "$level" -lt $((tick / 4)) ] && return 0
  done
  echo "loadtest: the machine still kept $(awk -v l="$level" -v t="$tick" 'BEGIN { printf "%.2f", l / t }') cores busy after ${1:-60} s" >&2
}
# worker_count <name>: a worker counter (velocity.worker.<name>), all sales; empty when
# VELOCITY_WORKER_URL (its management address) is not set.
worker_count() {
  [ -n "${VELOCITY_WORKER_URL:-}" ] || return 0
  curl -sf "$VELOCITY_WORKER_URL/actuator/metrics/velocity.worker.$1" | sed -n 's/.*"value":\([0-9.E+]*\).*/\1/p' | awk '{ printf "%d", $1 }'
}
written() { worker_count written; }
# await_written <orders>: waits (up to 20 min) until the worker has written at least that many
# orders in all; returns at once when its URL is unknown.
await_written() {
  [ -n "${VELOCITY_WORKER_URL:-}" ] || return 0
  for _ in $(seq 1 6000); do [ "$(written)" -ge "$1" ] && return 0; sleep 0.2; done
}
