#!/usr/bin/env bash
# Server CPU per REST join on a freshly started server: the first N joins (cold: code still being
# compiled), then N more (warm). Starts a throwaway Postgres and the built server pinned to one
# core, reads the server's CPU time from /proc/<pid>/stat around each phase, prints one line.
#
#   scripts/measure-cold-joins.sh [N]          N joins per phase (default 800), 8 at a time
#
# Env: CONFLICTO_SERVER_DLL   the server to start (default: the Release build in src/Server/bin;
#                             build it first: dotnet build Conflicto.sln -c Release)
#      CONFLICTO_LABEL        a name for the printed line
#      CONFLICTO_PREWARM=N    before counting, send N requests that write nothing (joins to a
#                             session that does not exist: 404 after the lock query), to see what
#                             a warm-up of that kind would buy; their CPU counts as start-up
#      DOTNET_* / Section__Key variables pass through to the server (e.g. DOTNET_TieredPGO=0,
#      Server__WarmUp=false), which is how the variants in docs/answer-path.md were measured.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
N="${1:-800}"
DLL="${CONFLICTO_SERVER_DLL:-$REPO_ROOT/src/Server/bin/Release/net10.0/Conflicto.Server.dll}"
[[ -f "$DLL" ]] || die "no server at $DLL: build it first"

WORK="$(mktemp -d /tmp/conflicto-cold-XXXX)"; chmod 755 "$WORK"
PG_PORT="$(free_port)"; HTTP_PORT="$(free_port)"
server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  stop_postgres "$WORK/pg" immediate
  rm -rf "$WORK"
}
trap cleanup EXIT
start_postgres "$WORK/pg" "$PG_PORT" -c fsync=off -c synchronous_commit=off -c full_page_writes=off >/dev/null 2>&1 \
  || die "PostgreSQL did not start"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc 'create database conflicto'

URL="http://127.0.0.1:$HTTP_PORT"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
started=$(date +%s.%N)
# The server on CPU 1, the curl clients elsewhere: only the server's own time is counted.
(cd "$(dirname "$DLL")" && exec env ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=conflicto" \
   Serilog__MinimumLevel__Default=Warning taskset -c 1 dotnet "$DLL" --urls "$URL") >"$WORK/server.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do
  curl -sf "$URL/api/v1/health/live" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$WORK/server.log" >&2; die "the server exited"; }
  sleep 0.1
done
if [[ "${CONFLICTO_PREWARM:-0}" -gt 0 ]]; then
  seq 1 "$CONFLICTO_PREWARM" | xargs -P 8 -I{} curl -s -o /dev/null -H 'content-type: application/json' \
    -d '{"nickname":"Warm {}"}' "$URL/api/v1/sessions/0/join"
fi
ready=$(date +%s.%N); startup_ticks=$(cpu_ticks)

session() { curl -sf -H 'content-type: application/json' -d '{"title":"Cold joins","max_participants":1000}' "$URL/api/v1/sessions/" | sed -E 's/.*"id":([0-9]+).*/\1/'; }
joins() {  # joins SESSION PREFIX: N joins, 8 at a time; fails on any non-200
  seq 1 "$N" | xargs -P 8 -I{} curl -sf -o /dev/null -H 'content-type: application/json' \
    -d "{\"nickname\":\"$2 {}\"}" "$URL/api/v1/sessions/$1/join"
}
cold=$(session); warm=$(session)
t0=$(cpu_ticks); joins "$cold" Cold
t1=$(cpu_ticks); joins "$warm" Warm
t2=$(cpu_ticks)
hz=$(getconf CLK_TCK)
awk -v label="${CONFLICTO_LABEL:-default}" -v n="$N" -v hz="$hz" -v s="$startup_ticks" -v a="$t0" -v b="$t1" -v c="$t2" \
    -v up="$(echo "$ready - $started" | bc)" 'BEGIN {
  printf "%s: ready after %.1f s (%.2f s CPU); first %d joins %.2f ms CPU each, next %d %.2f ms each\n",
    label, up, s / hz, n, (b - a) * 1000 / hz / n, n, (c - b) * 1000 / hz / n }'
