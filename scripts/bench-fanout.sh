#!/usr/bin/env bash
# Fan-out against a bare SignalR hub, measured one right after the other in one run
# (docs/benchmarks.md, "fanout vs baseline"): first `fanout`, then `baseline` with the same
# options and --payload-bytes set to the bytes per delivery the fan-out run measured, so that
# the bare hub sends deliveries of the same size. Prints and writes a side-by-side summary.
#
#   scripts/bench-fanout.sh --participants 1000 --rate 20 --duration 10 [other runner options]
#
# Env: RESULTS (default results/fanout-vs-baseline-<UTC time>); CONFLICTO_TEST_POSTGRES as for
# the runner. Exit code: 0 when both runs passed, else the first failing run's code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v jq >/dev/null || { echo "ERROR: jq is needed to read the reports" >&2; exit 2; }
RESULTS="${RESULTS:-results/fanout-vs-baseline-$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$RESULTS"

dotnet build tests/Load -c Release -v quiet -nologo >/dev/null
run() { dotnet run -c Release --no-build --project tests/Load -- "$@" --results "$RESULTS"; }
latest() { ls -t "$RESULTS"/"$1"-[0-9]*.json | head -1; }
figure() { jq -r --arg n "$2" '[.figures[] | select(.name | startswith($n)) | .value][0] // empty' "$1"; }
p99() { jq -r --arg s "$2" '[.steps[] | select(.step == $s) | .p99Ms][0] // empty' "$1"; }

fanout_rc=0
run fanout "$@" || fanout_rc=$?
fanout_json="$(latest fanout)"
bytes="$(figure "$fanout_json" "bytes per delivery" | cut -d. -f1)"
[[ -n "$bytes" && "$bytes" -gt 0 ]] || { echo "ERROR: the fan-out run measured no bytes per delivery ($fanout_json)" >&2; exit 2; }

baseline_rc=0
run baseline "$@" --payload-bytes "$bytes" || baseline_rc=$?
baseline_json="$(latest baseline)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "—" }'; }
f_p99="$(p99 "$fanout_json" fanout.delivery)";           b_p99="$(p99 "$baseline_json" fanout.delivery)"
f_last="$(p99 "$fanout_json" fanout.last_client)";       b_last="$(p99 "$baseline_json" fanout.last_client)"
f_cpu="$(figure "$fanout_json" "server CPU per delivery")"; b_cpu="$(figure "$baseline_json" "bare hub CPU per delivery")"
f_bytes="$(figure "$fanout_json" "bytes per delivery")";  b_bytes="$(figure "$baseline_json" "bytes per delivery")"
{
  echo "# fanout vs bare SignalR hub ($(jq -r .startedAt "$fanout_json"))"
  echo
  echo "- fanout:   $(jq -r .command "$fanout_json") — $(jq -r .hub "$fanout_json")"
  echo "- baseline: $(jq -r .command "$baseline_json")"
  echo
  echo "| Figure | Conflicto | bare hub | ratio | target (issue #11) |"
  echo "|---|---:|---:|---:|---|"
  printf '| delivery p99 ms | %.1f | %.1f | %s | ≤ 0.8 |\n' "$f_p99" "$b_p99" "$(ratio "$f_p99" "$b_p99")"
  printf '| last client p99 ms | %.1f | %.1f | %s | — |\n' "$f_last" "$b_last" "$(ratio "$f_last" "$b_last")"
  printf '| server CPU per delivery µs | %.1f | %.1f | %s | ≤ 0.8 |\n' "$f_cpu" "$b_cpu" "$(ratio "$f_cpu" "$b_cpu")"
  printf '| bytes per delivery | %.0f | %.0f | %s | same size |\n' "$f_bytes" "$b_bytes" "$(ratio "$f_bytes" "$b_bytes")"
} | tee "$RESULTS/summary.md"
echo "reports: $RESULTS"
[[ $fanout_rc -ne 0 ]] && exit "$fanout_rc"
exit "$baseline_rc"
