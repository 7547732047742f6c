using System.Diagnostics;
using Conflicto.Load.Clients;

namespace Conflicto.Load.Scenarios.JoinStorm;

/// <summary>
/// One arriving phone, as the web client does it: REST join with a nickname → hub connect with
/// the participant token → <c>JoinSession</c>. Ready is when the JoinSession answer is applied.
/// Each phase is a step, and join-to-ready is recorded for all and for the arrival's group.
/// </summary>
public sealed class Phone(ScenarioContext ctx, ArrivalSchedule schedule, int sessionId)
{
    public const string JoinToReady = "join_to_ready";

    /// <summary>Joins; returns the connected client, or null when a phase failed (recorded as that step's failure).</summary>
    public async Task<LoadHubClient?> ArriveAsync(int index, Action<LoadHubClient> track, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var node = ctx.Target.UrlFor(index);
        string token;
        try
        {
            var join = await ctx.TimeAsync("rest_join", () => ctx.Rest.PostAsync(node, $"/api/v1/sessions/{sessionId}/join", new { nickname = $"p{index}" }));
            token = join["participant_token"]!.ToString();
        }
        catch (Exception) { return null; } // recorded by TimeAsync
        var restDone = Stopwatch.GetTimestamp();
        var client = LoadHubClient.Create(node, token, ctx.Options.Hub);
        track(client);
        JoinOutcome outcome;
        try
        {
            outcome = await client.ConnectAsync(sessionId, null, ct);
        }
        catch (Exception e)
        {
            ctx.Metrics.Fail("hub_connect+join_session", e);
            return null;
        }
        ctx.Metrics.Ok("hub_connect", Stopwatch.GetElapsedTime(restDone, outcome.JoinStartedAt));
        ctx.Metrics.Ok("join_session", Stopwatch.GetElapsedTime(outcome.JoinStartedAt, outcome.DoneAt));
        var ready = Stopwatch.GetElapsedTime(start, outcome.DoneAt);
        ctx.Metrics.Ok(JoinToReady, ready);
        ctx.Metrics.Ok($"{JoinToReady} ({schedule.GroupOf(index)})", ready);
        return client;
    }
}
