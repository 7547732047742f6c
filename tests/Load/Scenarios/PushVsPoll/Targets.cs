using System.Globalization;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>One target of DESIGN §8 with what was measured against it.</summary>
public sealed record Verdict(string Target, string Measured, bool Met);

/// <summary>
/// DESIGN §8, push vs poll at 1,000 participants: push needs at least 20× fewer server requests
/// and 10× fresher updates (p99) than 1 Hz polling, and pollers are served at p99 ≤ 50 ms.
/// </summary>
public static class Targets
{
    public const double FewerRequests = 20;
    public const double Fresher = 10;
    public const double PollP99Ms = 50;

    public static double PerParticipantPerMinute(long requests, int participants, double seconds) =>
        participants > 0 && seconds > 0 ? requests / (double)participants / (seconds / 60) : 0;

    /// <summary>How many times <paramref name="poll"/> exceeds <paramref name="push"/>; infinite when push is 0 and poll is not.</summary>
    public static double Ratio(double poll, double push) =>
        push > 0 ? poll / push : poll > 0 ? double.PositiveInfinity : 1;

    public static IReadOnlyList<Verdict> Judge(double requestRatio, double freshnessRatio, double statusP99Ms, double fetchP99Ms)
    {
        var ci = CultureInfo.InvariantCulture;
        var worstPoll = Math.Max(statusP99Ms, fetchP99Ms);
        return
        [
            new($"≥ {FewerRequests:0}× fewer server requests than polling", Times(requestRatio), requestRatio >= FewerRequests),
            new($"≥ {Fresher:0}× fresher updates (freshness p99, poll ÷ push)", Times(freshnessRatio), freshnessRatio >= Fresher),
            new($"pollers served at p99 ≤ {PollP99Ms:0} ms",
                string.Create(ci, $"status p99 {statusP99Ms:0.0} ms, fetch p99 {fetchP99Ms:0.0} ms"), worstPoll <= PollP99Ms),
        ];
    }

    public static string Times(double ratio) =>
        double.IsPositiveInfinity(ratio) ? "∞×" : string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0}×");
}
