# shellcheck shell=bash
# Shared helpers for scripts/run-server.sh and scripts/test.sh: install and run a private
# PostgreSQL and Redis without systemd, Docker or touching any system-wide cluster.
# Source this file; it defines functions only (plus REPO_ROOT and PG_BIN).
#
# Conventions:
#  - Everything listens on 127.0.0.1 only, over TCP. Unix sockets are switched off
#    (unix_socket_directories='') because socket paths are limited to ~107 bytes and a data dir
#    inside a deeply nested clone could exceed that; clients always pass -h 127.0.0.1.
#  - Postgres refuses to run as root, so as root we run it as the `postgres` system user
#    (created by the postgresql-common package); as a normal user we run it as that user.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Prefer PostgreSQL 15 (the version we test with); otherwise the newest installed server.
find_pg_bin() {
  local d
  if [[ -x /usr/lib/postgresql/15/bin/postgres ]]; then echo /usr/lib/postgresql/15/bin; return 0; fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -rn); do
    [[ -x "$d/postgres" ]] && { echo "$d"; return 0; }
  done
  return 1
}

# Run a command as the user Postgres must run as.
as_pg() {
  # cd / first: the postgres user may not be allowed into the caller's cwd (e.g. /root).
  if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# apt-get, non-interactive, waiting for the dpkg lock if another install is running
# (DPkg::Lock::Timeout covers dpkg; retries cover the lists lock taken by `apt-get update`).
apt_get() {
  local sudo=() try
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to install packages: $*"
    sudo=(sudo)
  fi
  for try in 1 2 3 4 5 6; do
    if "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
         apt-get -y -q -o DPkg::Lock::Timeout=600 "$@" </dev/null; then
      return 0
    fi
    log "apt-get $1 failed (attempt $try), retrying in 10s (another apt may hold the lock)"
    sleep 10
  done
  return 1
}

# Install the Postgres server and Redis if missing. Idempotent and cheap when all is present.
ensure_packages() {
  local pkgs=()
  find_pg_bin >/dev/null || pkgs+=(postgresql-15)
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || pkgs+=(redis-server)
  if [[ ${#pkgs[@]} -gt 0 ]]; then
    log "installing missing packages: ${pkgs[*]}"
    apt_get update
    if ! apt_get install --no-install-recommends "${pkgs[@]}"; then
      # Distributions without postgresql-15 (e.g. newer Ubuntu): take their default server.
      [[ " ${pkgs[*]} " == *" postgresql-15 "* ]] || die "apt-get install ${pkgs[*]} failed"
      pkgs=("${pkgs[@]/postgresql-15/postgresql}")
      apt_get install --no-install-recommends "${pkgs[@]}" || die "apt-get install ${pkgs[*]} failed"
    fi
  fi
  PG_BIN="$(find_pg_bin)" || die "no PostgreSQL server binaries under /usr/lib/postgresql"
  export PG_BIN
}

# Browser tests drive Debian's chromium (never a browser download); exports CONFLICTO_CHROMIUM.
ensure_browser() {
  if ! command -v chromium >/dev/null; then
    log "installing chromium for the browser tests"
    apt_get update
    apt_get install --no-install-recommends chromium fonts-dejavu-core || die "apt-get install chromium failed"
  fi
  export CONFLICTO_CHROMIUM="${CONFLICTO_CHROMIUM:-$(command -v chromium)}"
}

# Print a TCP port on 127.0.0.1 that nothing listens on (bash /dev/tcp: no extra tools needed).
# There is a small race until the service binds it; callers retry on start failure.
free_port() {
  local p i
  for i in $(seq 1 100); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# Make sure the `postgres` user can reach DIR (every parent needs o+x). Returns 1 if not.
pg_can_reach() {
  [[ $EUID -ne 0 ]] && return 0
  runuser -u postgres -- test -x "$1"
}

# start_postgres DATA_DIR PORT [EXTRA_SERVER_OPTS...]
# initdb on first use, then start (or reuse if already running) and wait until it accepts
# connections. EXTRA_SERVER_OPTS are appended to the postgres command line, e.g.
#   -c fsync=off -c synchronous_commit=off -c full_page_writes=off   (throwaway test clusters)
start_postgres() {
  local data port="$2"
  data="$(mkdir -p "$1" && cd "$1" && pwd)"   # absolute, since as_pg runs commands from /
  shift 2
  [[ -n "${PG_BIN:-}" ]] || PG_BIN="$(find_pg_bin)" || die "PostgreSQL is not installed"
  [[ $EUID -eq 0 ]] && chown postgres:postgres "$data"
  chmod 700 "$data"
  pg_can_reach "$data" || die "user postgres cannot traverse the path to $data"

  if [[ ! -s "$data/PG_VERSION" ]]; then
    log "initialising a new PostgreSQL cluster in $data"
    as_pg "$PG_BIN/initdb" -D "$data" --auth=trust -U postgres --encoding=UTF8 \
      --locale=C.UTF-8 >"$data/../initdb.log" 2>&1 \
      || as_pg "$PG_BIN/initdb" -D "$data" --auth=trust -U postgres --encoding=UTF8 \
           --locale=C >"$data/../initdb.log" 2>&1 \
      || { cat "$data/../initdb.log" >&2; die "initdb failed"; }
  fi

  if as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      log "PostgreSQL already running from $data on port $port, reusing it"
      return 0
    fi
    die "PostgreSQL from $data is running but not on port $port; stop it first (pg_ctl -D $data stop)"
  fi

  # Settings go on the command line rather than into postgresql.conf so that every start uses
  # exactly what the caller asked for (and test extras never leak into the dev cluster).
  local opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300"
  [[ $# -gt 0 ]] && opts+=" $*"
  log "starting PostgreSQL on 127.0.0.1:$port (data: $data)"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$data/postgres.log" -o "$opts" -w -t 60 start >/dev/null; then
    tail -n 20 "$data/postgres.log" >&2 || true
    return 1
  fi
  local i
  for i in $(seq 1 60); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" && return 0
    sleep 0.5
  done
  tail -n 20 "$data/postgres.log" >&2 || true
  return 1
}

# stop_postgres DATA_DIR [MODE]  (MODE: fast (default) or immediate for throwaway clusters)
stop_postgres() {
  local data="$1" mode="${2:-fast}"
  [[ -f "$data/postmaster.pid" ]] || return 0
  [[ -n "${PG_BIN:-}" ]] || PG_BIN="$(find_pg_bin)" || return 0
  log "stopping PostgreSQL ($data)"
  as_pg "$PG_BIN/pg_ctl" -D "$data" -m "$mode" -w -t 60 stop >/dev/null 2>&1 || true
}

# start_redis PORT DIR
# Daemonised, 127.0.0.1 only, no persistence: Redis is used only as the SignalR backplane
# (pub/sub), which holds no state worth saving. Reuses an instance already running from DIR.
start_redis() {
  local port="$1" dir="$2" i
  mkdir -p "$dir"
  if redis_answers "$port" "$dir"; then
    log "Redis already running from $dir on port $port, reusing it"
    return 0
  fi
  log "starting Redis on 127.0.0.1:$port (dir: $dir)"
  rm -f "$dir/redis.pid"
  redis-server --port "$port" --bind 127.0.0.1 --protected-mode yes --daemonize yes \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
    --save '' --appendonly no </dev/null || { tail -n 20 "$dir/redis.log" >&2 || true; return 1; }
  for i in $(seq 1 50); do
    redis_answers "$port" "$dir" && return 0
    sleep 0.2
  done
  tail -n 20 "$dir/redis.log" >&2 || true
  return 1
}

# Print the pid of the Redis started from DIR if it is still alive (guards against pid reuse).
redis_pid() {
  local pid
  pid="$(cat "$1/redis.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && grep -q redis "/proc/$pid/comm" 2>/dev/null || return 1
  echo "$pid"
}

# redis_answers PORT DIR: true if the Redis answering on PORT is the one started from DIR
# (not some other Redis that already held the port, which a bare PING would not tell apart).
redis_answers() {
  local pid
  pid="$(redis_pid "$2")" || return 1
  redis-cli -h 127.0.0.1 -p "$1" info server 2>/dev/null | tr -d '\r' | grep -qx "process_id:$pid"
}

# stop_redis DIR
stop_redis() {
  local dir="$1" pid i
  pid="$(redis_pid "$dir")" || return 0
  log "stopping Redis ($dir)"
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/redis.pid"; return 0; }
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/redis.pid"
}
