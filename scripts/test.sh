#!/usr/bin/env bash
# Run every Conflicto test against a throwaway PostgreSQL and Redis, then print one summary line:
#   "N passed, N failed" (or "N passed, N failed, N skipped"). Exit 0 only if nothing failed.
#
#   scripts/test.sh                    all test projects
#   scripts/test.sh --filter EXPR      passed to `dotnet test --filter` (for developers; skips the load run)
#
# Env: CONFLICTO_TEST_PROJECTS   space-separated .csproj paths (relative to the repo) to run
#                                instead of the default list below
#      CONFLICTO_TEST_RESULTS    where TRX files go (default: TestResults/ in the repo)
#      CONFLICTO_KEEP_TEST_DIR=1 keep the throwaway Postgres/Redis dir (with logs) afterwards
# Tests receive CONFLICTO_TEST_POSTGRES (an admin connection; tests create their own
# databases from it) and CONFLICTO_TEST_REDIS (host:port).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

filter=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --filter) [[ $# -ge 2 ]] || die "--filter needs an expression"; filter=(--filter "$2"); shift 2 ;;
    *) die "unknown argument '$1' (only --filter EXPR is supported)" ;;
  esac
done
read -r -a projects <<<"${CONFLICTO_TEST_PROJECTS:-tests/Unit/Unit.csproj tests/Integration/Integration.csproj}"
results="${CONFLICTO_TEST_RESULTS:-$REPO_ROOT/TestResults}"

# ---- Totals. Every step adds its counts here; the summary line is computed from them only.
PASSED=0 FAILED=0 SKIPPED=0 EXECUTED=0
add_counts() {  # add_counts PASSED FAILED [SKIPPED]
  PASSED=$((PASSED + $1)); FAILED=$((FAILED + $2)); SKIPPED=$((SKIPPED + ${3:-0}))
  EXECUTED=$((EXECUTED + $1 + $2))
}
print_figures() {  # the hardening figures of this run, when its tests ran (#13)
  local f
  for f in "$results/faults.md" "$results"/hostile/*.md; do
    [[ -s "$f" ]] || continue
    echo; echo "---- $(basename "$f")"; cat "$f"; echo
  done
}
summary_and_exit() {  # prints the final line (nothing may be printed after it) and exits
  cleanup
  print_figures
  local line="$PASSED passed, $FAILED failed"
  [[ $SKIPPED -gt 0 ]] && line+=", $SKIPPED skipped"
  if [[ $EXECUTED -eq 0 ]]; then
    echo "No test was executed."
    echo "0 passed, 0 failed"
    exit 1
  fi
  echo "$line"
  [[ $FAILED -eq 0 ]] && exit 0 || exit 1
}

# ---- Throwaway services, removed on any exit (including Ctrl+C and failures).
ensure_packages
ensure_browser
command -v node >/dev/null && command -v npm >/dev/null || die "Node.js and npm are needed to build the web client (src/Web)"
command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is not on PATH"
WORK="$(mktemp -d /tmp/conflicto-test-XXXX)"
chmod 755 "$WORK"   # mktemp makes it 0700; the postgres user must be able to enter it
cleaned=0
cleanup() {
  [[ $cleaned -eq 1 ]] && return 0
  cleaned=1
  stop_postgres "$WORK/pg" immediate   # immediate: the data is thrown away anyway
  stop_redis "$WORK/redis"
  if [[ "${CONFLICTO_KEEP_TEST_DIR:-0}" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Durability is pointless for throwaway data and fsync dominates the cost of the many small
# transactions tests make. Ports are picked free at random; retry in case one is taken meanwhile.
for attempt in 1 2 3; do
  PGPORT="$(free_port)"
  start_postgres "$WORK/pg" "$PGPORT" \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off && break
  [[ $attempt -eq 3 ]] && die "could not start PostgreSQL"
done
for attempt in 1 2 3; do
  REDISPORT="$(free_port)"
  start_redis "$REDISPORT" "$WORK/redis" && break
  [[ $attempt -eq 3 ]] && die "could not start Redis"
done
export CONFLICTO_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
export CONFLICTO_TEST_REDIS="127.0.0.1:$REDISPORT"
log "CONFLICTO_TEST_POSTGRES=$CONFLICTO_TEST_POSTGRES"
log "CONFLICTO_TEST_REDIS=$CONFLICTO_TEST_REDIS"

# ---- Build once; test runs use --no-build. In CI, persistent build servers are disabled so no
# background process outlives the job (they keep its output pipe open).
cd "$REPO_ROOT"
build_flags=()
[[ -n "${CI:-}" ]] && build_flags+=(--disable-build-servers)
log "building Conflicto.sln (Release)"
if ! dotnet build Conflicto.sln -c Release "${build_flags[@]}"; then
  echo "BUILD FAILED: no test was run."
  add_counts 0 1
  summary_and_exit
fi

# ---- TRX parsing. trx_attr FILE NAME prints the NAME attribute of <Counters>, 0 if absent.
trx_attr() {
  tr -s '\r\n' '  ' <"$1" | grep -o '<Counters [^>]*>' | head -n 1 \
    | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p" | grep . || echo 0
}
# add_trx FILE: add one TRX file's counts (errors, timeouts, aborts count as failures);
# sets TRX_FAILED to the failures it found.
add_trx() {
  local f="$1" total executed passed skipped
  total=$(trx_attr "$f" total); executed=$(trx_attr "$f" executed); passed=$(trx_attr "$f" passed)
  TRX_FAILED=$(( $(trx_attr "$f" failed) + $(trx_attr "$f" error) + $(trx_attr "$f" timeout) + $(trx_attr "$f" aborted) ))
  skipped=$((total - executed)); [[ $skipped -lt 0 ]] && skipped=0
  add_counts "$passed" "$TRX_FAILED" "$skipped"
}

# ---- Test projects: run them all, even after one fails.
mkdir -p "$results"
# The fault and hostile-input tests write their figures here (docs/benchmarks.md, docs/security.md
# quote them); a stale table from an earlier run must not be printed as this run's.
rm -f "$results/faults.md"; rm -rf "$results/hostile"
export CONFLICTO_HOSTILE_REPORT="$results/hostile"
for proj in "${projects[@]}"; do
  name="$(basename "$proj" .csproj)"
  trx="$results/$name.trx"
  rm -f "$trx"   # a stale file from an earlier run must not be counted
  log "testing $proj"
  rc=0
  dotnet test "$proj" -c Release --no-build "${filter[@]}" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || rc=$?
  if [[ ! -s "$trx" ]]; then
    echo "FAILED: $proj produced no test results (dotnet test exit code $rc; crash?)"
    add_counts 0 1
    continue
  fi
  add_trx "$trx"
  if [[ $rc -ne 0 && $TRX_FAILED -eq 0 ]]; then
    # e.g. the test host crashed after some tests passed: the TRX alone would look green.
    echo "FAILED: dotnet test exited with $rc for $proj although its results show no failure"
    add_counts 0 1
  fi
done

# ---- More test steps go here (browser tests, tests/Load classroom run, ...). Each step must
# end with `add_counts PASSED FAILED [SKIPPED]`, and with `add_counts 0 1` if it could not run
# at all, so that it is part of the summary. Example:
#   if run_browser_tests; then add_counts "$n_ok" "$n_bad"; else add_counts 0 1; fi

# ---- Load: the 50-participant classroom against a server the runner starts (Release build from
# above, its own database on the throwaway Postgres). Fails on any error, lost event or wrong final
# result, never on timing. One test: 1 passed or 1 failed by exit code.
if [[ ${#filter[@]} -gt 0 ]]; then
  log "load: skipped (--filter given)"
  summary_and_exit
fi
log "load: classroom, 50 participants (tests/Load)"
if timeout 300 dotnet run -c Release --no-build --project tests/Load -- classroom --participants 50 \
     --rounds 1 --results "$results/load" --postgres "$CONFLICTO_TEST_POSTGRES"; then
  add_counts 1 0
else
  echo "FAILED: tests/Load classroom (see the report above and $results/load)"
  add_counts 0 1
fi

summary_and_exit
