using System.Diagnostics;
using Conflicto.Load.Clients;

namespace Conflicto.Load.Scenarios;

/// <summary>
/// Matches broadcast events (seq → Stopwatch ticks just before the change was made) with each
/// follower's arrival stamps after the run: steps fanout.delivery (every delivery) and
/// fanout.last_client (per event), and the deliveries/s figure. Returns the measured deliveries.
/// </summary>
public static class DeliveryTally
{
    /// <summary>
    /// Waits until every follower holds <paramref name="seq"/>, one after the other (thousands of
    /// waiters polling at once would take the client's core from the last deliveries), within one
    /// deadline for all; who is still missing it is counted by <see cref="Record"/>.
    /// </summary>
    public static async Task DrainAsync(IEnumerable<LoadHubClient> followers, long seq, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        foreach (var client in followers)
            if (!await client.WaitForSeqAsync(seq, timeout - clock.Elapsed)) return;
    }

    public static long Record(ScenarioContext ctx, IReadOnlyCollection<LoadHubClient> followers, IEnumerable<KeyValuePair<long, (long Start, bool Measured)>> sent)
    {
        long deliveries = 0, missed = 0;
        foreach (var (seq, (start, measured)) in sent.OrderBy(s => s.Key))
        {
            long lastArrival = 0;
            foreach (var client in followers)
            {
                if (client.ArrivalOf(seq) is not { } at)
                {
                    missed++;
                    ctx.Metrics.Fail("fanout.delivery", $"seq {seq} never reached a client");
                    continue;
                }
                lastArrival = Math.Max(lastArrival, at);
                if (!measured) continue;
                deliveries++;
                ctx.Metrics.Ok("fanout.delivery", Stopwatch.GetElapsedTime(start, at));
            }
            if (measured && lastArrival > 0) ctx.Metrics.Ok("fanout.last_client", Stopwatch.GetElapsedTime(start, lastArrival));
        }
        ctx.Figure("deliveries/s (measured window)", deliveries / Math.Max(0.001, ctx.Metrics.MeasuredSeconds), "/s");
        ctx.Figure("events missed", missed, "");
        return deliveries;
    }
}
