#!/usr/bin/env bash
# Set up and run the Conflicto server (with its web client) on this machine.
#
#   scripts/run-server.sh            install what is missing, start a local Postgres, run server
#   scripts/run-server.sh --redis    also start a local Redis and use it as SignalR backplane
#   scripts/run-server.sh --stop-db  stop the local Postgres/Redis started by this script
#
# Env: CONFLICTO_URLS (default http://127.0.0.1:5000); ConnectionStrings__Postgres and
# ConnectionStrings__Redis, when already set, are used as-is and no local service is started.
# The database keeps running after the server exits so restarts are fast; use --stop-db.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"

PG_PORT=55432
REDIS_PORT=56379
REDIS_DIR="$REPO_ROOT/.data/redis"

# The dev cluster lives in the clone (.data/ is git-ignored) so each checkout has its own data.
# The postgres user must be able to traverse every parent directory of it; clones under a
# private home (e.g. /root, mode 700) are not, and we would rather not loosen the permissions of
# someone's home directory, so in that case the cluster goes to /var/lib/conflicto instead.
PG_DIR_REPO="$REPO_ROOT/.data/postgres"
PG_DIR_FALLBACK="/var/lib/conflicto/postgres"
pick_pg_dir() {
  mkdir -p "$REPO_ROOT/.data"
  chmod 755 "$REPO_ROOT/.data"   # in case of a restrictive umask
  if pg_can_reach "$REPO_ROOT/.data"; then
    echo "$PG_DIR_REPO"
  else
    log "user postgres cannot reach $REPO_ROOT; keeping the dev database in $PG_DIR_FALLBACK"
    mkdir -p /var/lib/conflicto && chmod 755 /var/lib/conflicto
    echo "$PG_DIR_FALLBACK"
  fi
}

use_redis=0
case "${1:-}" in
  --redis) use_redis=1 ;;
  --stop-db)
    for d in "$PG_DIR_REPO" "$PG_DIR_FALLBACK"; do stop_postgres "$d"; done
    stop_redis "$REDIS_DIR"
    log "local database services stopped (data kept in .data/; delete it to start afresh)"
    exit 0 ;;
  "") ;;
  *) die "unknown option '$1' (expected --redis or --stop-db)" ;;
esac

ensure_packages
command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is not on PATH"

if [[ -n "${ConnectionStrings__Postgres:-}" ]]; then
  log "using ConnectionStrings__Postgres from the environment; not starting a local Postgres"
else
  PG_DIR="$(pick_pg_dir)"
  start_postgres "$PG_DIR" "$PG_PORT" || die "PostgreSQL did not start (log: $PG_DIR/postgres.log)"
  if [[ -z "$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
                "select 1 from pg_database where datname = 'conflicto'")" ]]; then
    log "creating database conflicto"
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc 'create database conflicto'
  fi
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=conflicto"
fi

if [[ $use_redis -eq 1 && -z "${ConnectionStrings__Redis:-}" ]]; then
  start_redis "$REDIS_PORT" "$REDIS_DIR" || die "Redis did not start (log: $REDIS_DIR/redis.log)"
  export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
fi

URLS="${CONFLICTO_URLS:-http://127.0.0.1:5000}"
log "Postgres: $ConnectionStrings__Postgres"
log "Redis:    ${ConnectionStrings__Redis:-(none: single node, in-process SignalR)}"
log "starting the server on $URLS (migrations run at start-up); Ctrl+C to stop"
log "the database keeps running afterwards; stop it with: scripts/run-server.sh --stop-db"
open_url="${URLS%%;*}"; open_url="${open_url/0.0.0.0/127.0.0.1}"; open_url="${open_url/\[::\]/127.0.0.1}"; open_url="${open_url/+/127.0.0.1}"
log "open ${open_url%/}/ in a browser: host a session at ${open_url%/}/host, phones join at ${open_url%/}/join"
# Run from the project directory: ASP.NET uses the working directory as content root, and
# `dotnet run --project` does not change it, so wwwroot (the web client) would not be found.
cd "$REPO_ROOT/src/Server"
exec dotnet run -c Release --project "$REPO_ROOT/src/Server" -- --urls "$URLS"
