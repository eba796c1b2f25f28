#!/usr/bin/env bash
# bench/reference.sh: start/stop the synchronous reference (syncali/Bazaar-Case-Study: Node.js +
# PostgreSQL 15) where it is installed, so a benchmark can run it beside our own stack.
# It is a yardstick only: none of its code is in this repository. Set it up first as described
# in docs/BENCHMARKS.md, "The synchronous reference".
#
#   bench/reference.sh start    PostgreSQL on 127.0.0.1:5433 (if not running), then node on :3000
#                               (detached, RATE_LIMIT_MAX=10000000); waits for HTTP; prints the PIDs
#   bench/reference.sh stop     node, then the PostgreSQL cluster (fast shutdown)
#   bench/reference.sh status   what is running; exit 0 only if both are
#   bench/reference.sh pids     PIDs one per line: node, the postmaster, every child of the postmaster
#                               (backends come and go: read it again for each sample)
#
# PEER_DIR (default /work/peer) holds app/, pgdata/, pgsock/ and the logs; PG_BIN defaults to
# Debian's /usr/lib/postgresql/15/bin. Run as root (PostgreSQL is run as OS user postgres).
set -euo pipefail

PEER_DIR=${PEER_DIR:-/work/peer}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
APP=$PEER_DIR/app PGDATA=$PEER_DIR/pgdata
NODE_PIDFILE=$PEER_DIR/node.pid NODE_LOG=$PEER_DIR/server.log PG_LOG=$PEER_DIR/postgres.log
HTTP_URL=http://127.0.0.1:3000/

if [[ ! -d $APP || ! -d $PGDATA ]]; then
  echo "reference.sh: the reference is not installed at $PEER_DIR (no app/ or pgdata/);" \
       "set it up first: see docs/BENCHMARKS.md, \"The synchronous reference\" (or set PEER_DIR)" >&2
  exit 2
fi

as_postgres() { if [[ $(id -un) == postgres ]]; then "$@"; else runuser -u postgres -- "$@"; fi; }

pg_running() { as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }
postmaster_pid() { pg_running && head -n1 "$PGDATA/postmaster.pid"; }

node_pid() {   # the PID in node.pid, if it is still our node server
  local pid
  pid=$(cat "$NODE_PIDFILE" 2>/dev/null) || return 1
  [[ -n $pid && -r /proc/$pid/cmdline ]] && tr '\0' ' ' </proc/"$pid"/cmdline | grep -q 'node server.js' \
    && echo "$pid"
}

answers_http() { [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$HTTP_URL" || true) != 000 ]]; }

start() {
  if ! pg_running; then
    [[ -e $PG_LOG ]] || { touch "$PG_LOG"; chown postgres: "$PG_LOG"; }
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PG_LOG" -w start >/dev/null
  fi
  if ! node_pid >/dev/null; then
    if answers_http; then echo "reference.sh: something else already answers on $HTTP_URL" >&2; exit 1; fi
    # setsid + nohup: its own session, survives the caller; the inner shell records node's PID
    (cd "$APP" && RATE_LIMIT_MAX=10000000 exec setsid nohup bash -c 'echo $$ > "$0"; exec node server.js' \
       "$NODE_PIDFILE" >"$NODE_LOG" 2>&1 </dev/null) &
    sleep 0.5
  fi
  for _ in $(seq 60); do
    answers_http && break
    node_pid >/dev/null || { echo "reference.sh: node exited; see $NODE_LOG" >&2; tail -n 20 "$NODE_LOG" >&2; exit 1; }
    sleep 0.5
  done
  answers_http || { echo "reference.sh: no HTTP answer on $HTTP_URL after 30 s; see $NODE_LOG" >&2; exit 1; }
  echo "node $(node_pid)"
  echo "postmaster $(postmaster_pid)"
}

stop() {
  local pid
  if pid=$(node_pid); then
    kill "$pid"
    for _ in $(seq 50); do [[ -d /proc/$pid ]] || break; sleep 0.1; done
    [[ -d /proc/$pid ]] && kill -9 "$pid"
  fi
  rm -f "$NODE_PIDFILE"
  if pg_running; then as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; fi
  echo "reference stopped"
}

status() {
  local rc=0 pid
  if pid=$(node_pid); then echo "node running, pid $pid"; else echo "node not running"; rc=3; fi
  if pid=$(postmaster_pid); then echo "postgres running, postmaster pid $pid, port 5433"
  else echo "postgres not running"; rc=3; fi
  return $rc
}

pids() {   # exit 1 if either part is down (it still prints what runs)
  local rc=0 pm
  node_pid || rc=1
  if pm=$(postmaster_pid); then echo "$pm"; ps -o pid= --ppid "$pm" | tr -d ' '; else rc=1; fi
  return $rc
}

case ${1:-} in
  start|stop|status|pids) "$1" ;;
  *) echo "usage: $0 start|stop|status|pids   (PEER_DIR=${PEER_DIR})" >&2; exit 64 ;;
esac
