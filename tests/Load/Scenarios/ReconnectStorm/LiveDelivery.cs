using System.Diagnostics;
using Conflicto.Load.Clients;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>
/// What the storm did to everyone else: the host's changes delivered live to the clients that
/// kept their link (steps quiet.delivery and storm.delivery: from just before the host's call
/// to each arrival), matched after the run like the fanout scenario does.
/// </summary>
public static class LiveDelivery
{
    public static void Record(ScenarioContext ctx, IReadOnlyDictionary<long, (long Start, string Window)> sent, IReadOnlyList<LoadHubClient> stayed)
    {
        foreach (var (seq, (start, window)) in sent.OrderBy(s => s.Key))
        {
            if (window is not ("quiet" or "storm")) continue;
            foreach (var client in stayed)
            {
                // A client without the arrival is missing the event: the coverage check reports it.
                if (client.ArrivalOf(seq) is { } at) ctx.Metrics.Ok($"{window}.delivery", Stopwatch.GetElapsedTime(start, at));
            }
        }
    }
}
