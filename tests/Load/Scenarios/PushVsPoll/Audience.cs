using System.Diagnostics;
using Conflicto.Load.Clients;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// The session both phases follow: the host on the hub (admin code), N participants joined over
/// REST (each keeps its participant token) and a pool of published poll activities for the host
/// to open one by one. Ready when the session has gone quiet (no background event for 2 s:
/// activity analysis emits processing events a little after each creation).
/// </summary>
public sealed class Audience : IAsyncDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(60);

    private Audience(int sessionId, LoadHubClient host)
    {
        SessionId = sessionId;
        Host = host;
    }

    public int SessionId { get; }

    public LoadHubClient Host { get; }

    public List<string> Tokens { get; } = [];

    public Queue<Guid> Published { get; } = new();

    public static async Task<Audience> OpenAsync(ScenarioContext ctx, int participants, int activities, CancellationToken ct)
    {
        var node = ctx.Target.UrlFor(0);
        var session = await ctx.TimeAsync("setup.session", () => ctx.Rest.PostAsync(node, "/api/v1/sessions/",
            new { title = "Push vs poll", max_participants = participants }));
        var admin = session["admin_code"]!.ToString();
        var host = LoadHubClient.Create(node, admin, ctx.Options.Hub);
        var audience = new Audience(session["id"]!.GetValue<int>(), host);
        try
        {
            await host.ConnectAsync(audience.SessionId, null, ct);
            await host.Connection.InvokeAsync<long>("SetSessionStatus", "active", ct);
            await audience.JoinAsync(ctx, participants, ct);
            await audience.PublishAsync(ctx, node, admin, activities, ct);
            await audience.SettleAsync(ctx, ct);
            return audience;
        }
        catch
        {
            await audience.DisposeAsync();
            throw;
        }
    }

    private async Task JoinAsync(ScenarioContext ctx, int participants, CancellationToken ct)
    {
        var tokens = new string[participants];
        using var gate = new SemaphoreSlim(ctx.Options.Int("join-concurrency", 16, 1, 1000));
        await Task.WhenAll(Enumerable.Range(0, participants).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var join = await ctx.TimeAsync("setup.join", () => ctx.Rest.PostAsync(ctx.Target.UrlFor(i),
                    $"/api/v1/sessions/{SessionId}/join", new { nickname = $"p{i}" }));
                tokens[i] = join["participant_token"]!.ToString();
            }
            finally { gate.Release(); }
        }));
        Tokens.AddRange(tokens);
    }

    private async Task PublishAsync(ScenarioContext ctx, Uri node, string admin, int activities, CancellationToken ct)
    {
        for (var a = 0; a < activities; a++)
        {
            var created = await ctx.TimeAsync("setup.activity", () => ctx.Rest.PostAsync(node, $"/api/v1/sessions/{SessionId}/activities/framework",
                new { activity_type = "poll", title = $"Question {a + 1}", configuration = new { question = $"Question {a + 1}?", options = new[] { "yes", "no" } } },
                adminCode: admin));
            var id = Guid.Parse(created["id"]!.ToString());
            await Host.Connection.InvokeAsync<long>("TransitionActivity", id, "published", false, ct);
            Published.Enqueue(id);
        }
    }

    private async Task SettleAsync(ScenarioContext ctx, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var (seq, since) = (Host.LastSeq, clock.Elapsed);
        while (clock.Elapsed - since < Quiet)
        {
            if (clock.Elapsed > MaxSettle)
            {
                ctx.Limit($"the session never went quiet for {Quiet.TotalSeconds:0} s during set-up: background events may fall in the phases");
                return;
            }
            await Task.Delay(100, ct);
            if (Host.LastSeq != seq) (seq, since) = (Host.LastSeq, clock.Elapsed);
        }
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
