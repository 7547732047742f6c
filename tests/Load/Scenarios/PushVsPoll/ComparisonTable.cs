using System.Globalization;
using Conflicto.Load.Reporting;
using Conflicto.Load.Stats;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>The two phases side by side, and the targets of DESIGN §8 judged on them.</summary>
public static class ComparisonTable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static ReportTable Phases(PhaseResult push, PhaseResult poll, StepSummary status, StepSummary fetch, double rate, TimeSpan period)
    {
        var w = poll.Window;
        List<IReadOnlyList<string>> rows =
        [
            Row("followers", push.Followers, poll.Followers),
            ["measured window", Seconds(push.WindowSeconds), Seconds(poll.WindowSeconds), ""],
            Row("host changes in the window", push.MeasuredChanges, poll.MeasuredChanges),
            Compare("**server requests** (client → server, in the window)", push.Window.Sent, poll.Window.Sent),
            Compare("requests per participant per minute", push.RequestsPerParticipantPerMinute, poll.RequestsPerParticipantPerMinute, "0.0"),
            ["of which", $"{push.Window.Sent} hub messages (pings, invocations)",
                $"{w.NotModified} status 304 + {w.Changed} status 200 + {w.Fetches} activity fetches", ""],
            Compare("server → client messages (in the window)", push.Window.Received, poll.Window.Received),
            ["connections opened in the window", $"{push.Window.Connections} WebSocket", $"{poll.Window.Connections} HTTP keep-alive", ""],
            ["one-off per follower, before the window", "WebSocket upgrade + handshake + JoinSession", "none (first status + fetch fall in the warm-up)", ""],
            Compare("server CPU s in the window", push.ServerCpuSeconds ?? double.NaN, poll.ServerCpuSeconds ?? double.NaN, "0.00"),
            ["of which tier-1 JIT (one-off warm-up)", Cpu(push.ServerJitSeconds), Cpu(poll.ServerJitSeconds), ""],
            Compare("**server CPU s without tier-1 JIT** (steady state)", push.SteadyServerCpuSeconds ?? double.NaN, poll.SteadyServerCpuSeconds ?? double.NaN, "0.00"),
            ["steady-state server CPU, share of one core", CoreShare(push), CoreShare(poll), ""],
            ["client CPU (share of its cores) in the window", Percent(push.ClientCpuShare), Percent(poll.ClientCpuShare), ""],
            Compare("database transactions, window", push.DbWindow?.Transactions, poll.DbWindow?.Transactions),
            Compare("database transactions, whole phase", push.DbPhase?.Transactions, poll.DbPhase?.Transactions),
            Compare("database rows read, window", push.DbWindow?.RowsRead, poll.DbWindow?.RowsRead),
            Compare("database rows read, whole phase", push.DbPhase?.RowsRead, poll.DbPhase?.RowsRead),
            ["freshness p50 / p95 / p99 / max ms", Spread(push.Freshness), Spread(poll.Freshness), Targets.Times(FreshnessRatio(push, poll))],
            ["(change, follower) pairs: seen / via a newer state / missed", Seen(push.Seen), Seen(poll.Seen), ""],
            ["poll.status p50 / p99 ms", "—", Latency(status), ""],
            ["poll.fetch p50 / p99 ms", "—", Latency(fetch), ""],
            ["poll slots skipped (a poll ran past them)", "—", w.SkippedSlots.ToString(Ci), ""],
        ];
        return new ReportTable("Push vs poll, side by side", ["Measure", "push: hub clients", $"poll: legacy clients every {period.TotalSeconds:0.###} s", "poll ÷ push"], rows,
        [
            string.Create(Ci, $"The host makes {rate:0.###} change(s) per second (the next question becomes the session's current activity) in both phases; its calls are not counted as requests."),
            "Freshness: from just before the host's call to the moment a follower has the change — a hub client when the event arrives; a poller when, after a status 200 naming the new current activity, its GET of that activity has returned. A poller that finds two changes between two polls sees only the newer: the older counts as seen then (via a newer state).",
            "Server CPU: /proc of the server process over the window; tier-1 JIT is the CPU of the runtime's background compiler thread, which recompiles methods once they are hot — one-off work that lands in whichever window first runs a code path often enough (a method run once per change needs dozens of changes), so the steady-state row leaves it out.",
            "Push requests: every WebSocket message the hub clients sent, counted on the socket (hub pings every 15 s when idle, invocations); no WebSocket-level keep-alive, as in browsers. Poll requests: every HTTP request sent.",
            "Database: pg_stat_database of the run's database (transactions = commits + rollbacks, rows read = returned + fetched). Window: read at the window's edges without waiting (backends publish at most once a second, so the edges blur by about a second). Whole phase: settled readings 11 s before and after, so warm-up, drain and idle time are included. Npgsql resets a pooled connection (DISCARD ALL) before reusing it, and that counts as a transaction of its own: a one-query request costs two.",
        ]);
    }

    public static IReadOnlyList<Verdict> Verdicts(PhaseResult push, PhaseResult poll, StepSummary status, StepSummary fetch) =>
        Targets.Judge(Targets.Ratio(poll.RequestsPerParticipantPerMinute, push.RequestsPerParticipantPerMinute),
            FreshnessRatio(push, poll), status.P99Ms, fetch.P99Ms);

    public static ReportTable TargetsTable(IReadOnlyList<Verdict> verdicts) =>
        new("Targets (DESIGN §8, push vs poll)", ["Target", "Measured", "Verdict"],
            verdicts.Select(v => (IReadOnlyList<string>)[v.Target, v.Measured, v.Met ? "met" : "**missed**"]).ToList(), []);

    public static double FreshnessRatio(PhaseResult push, PhaseResult poll) => Targets.Ratio(poll.Freshness.P99Ms, push.Freshness.P99Ms);

    private static IReadOnlyList<string> Row(string name, long push, long poll) => [name, push.ToString(Ci), poll.ToString(Ci), ""];

    private static IReadOnlyList<string> Compare(string name, long? push, long? poll) =>
        push is { } a && poll is { } b ? [name, a.ToString(Ci), b.ToString(Ci), Targets.Times(Targets.Ratio(b, a))] : [name, "n/a", "n/a", ""];

    private static IReadOnlyList<string> Compare(string name, double push, double poll, string format) =>
        double.IsNaN(push) || double.IsNaN(poll)
            ? [name, "n/a", "n/a", ""]
            : [name, push.ToString(format, Ci), poll.ToString(format, Ci), Targets.Times(Targets.Ratio(poll, push))];

    private static string CoreShare(PhaseResult p) => p.SteadyServerCpuSeconds is { } cpu && p.WindowSeconds > 0 ? Percent(cpu / p.WindowSeconds) : "n/a";

    private static string Cpu(double? seconds) => seconds is { } s ? s.ToString("0.00", Ci) : "n/a";

    private static string Seconds(double s) => string.Create(Ci, $"{s:0.0} s");

    private static string Percent(double share) => string.Create(Ci, $"{share * 100:0} %");

    private static string Spread(StepSummary s) => string.Create(Ci, $"{s.P50Ms:0.0} / {s.P95Ms:0.0} / {s.P99Ms:0.0} / {s.MaxMs:0.0}");

    private static string Latency(StepSummary s) => string.Create(Ci, $"{s.P50Ms:0.00} / {s.P99Ms:0.00}");

    private static string Seen(SeenCounts s) => $"{s.Exact} / {s.Superseded} / {s.Missed}";
}
