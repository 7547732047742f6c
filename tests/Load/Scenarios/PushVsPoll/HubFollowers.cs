using System.Diagnostics;
using Conflicto.Load.Clients;
using Conflicto.Load.Shapes;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// N participants on the hub with their tokens, connected and joined before the phase so that it
/// measures the steady state; every WebSocket message each way is counted (<see cref="WebSocketTally"/>).
/// A follower sees a change when the event with its seq arrives.
/// </summary>
public sealed class HubFollowers : IFollowers
{
    private readonly WebSocketTally _tally = new();
    private readonly List<LoadHubClient> _clients = [];
    private int _lost;
    private volatile bool _closing;

    private HubFollowers() { }

    public string Name => "push";
    public int Count => _clients.Count;
    public bool SeesEveryChange => true;
    public FollowerCounts Counts => new(_tally.Sent, _tally.Received, _tally.Opened, 0, 0, 0, 0);

    public IReadOnlyList<string> Faults
    {
        get
        {
            var faults = new List<string>();
            if (_clients.Sum(c => c.Gaps) is var gaps and > 0) faults.Add($"{gaps} gaps in the event streams");
            if (_lost > 0) faults.Add($"{_lost} hub connections closed before the end");
            return faults;
        }
    }

    /// <summary>
    /// Connects spread evenly over <paramref name="rampUp"/>: an idle client pings 15 s after its
    /// last message, so clients connected at once would ping in step and a short window would
    /// count a whole round of pings or none; spread over 15 s they ping evenly, as a real crowd does.
    /// </summary>
    public static async Task<HubFollowers> ConnectAsync(ScenarioContext ctx, Audience audience, TimeSpan rampUp, CancellationToken ct)
    {
        var followers = new HubFollowers();
        var clients = new LoadHubClient[audience.Tokens.Count];
        var shape = new ClosedModel(clients.Length, rampUp);
        var clock = Stopwatch.StartNew();
        try
        {
            using var gate = new SemaphoreSlim(ctx.Options.Int("join-concurrency", 16, 1, 1000));
            await Task.WhenAll(audience.Tokens.Select(async (token, i) =>
            {
                var wait = shape.StartOf(i) - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                await gate.WaitAsync(ct);
                try
                {
                    var client = LoadHubClient.Create(ctx.Target.UrlFor(i), token, ctx.Options.Hub, tally: followers._tally);
                    clients[i] = client;
                    client.Connection.Closed += _ =>
                    {
                        if (!followers._closing) Interlocked.Increment(ref followers._lost);
                        return Task.CompletedTask;
                    };
                    await ctx.TimeAsync("setup.hub.connect", async () => { await client.ConnectAsync(audience.SessionId, null, ct); return 0; });
                }
                finally { gate.Release(); }
            }));
        }
        catch
        {
            followers._clients.AddRange(clients.Where(c => c is not null));
            await followers.DisposeAsync();
            throw;
        }
        followers._clients.AddRange(clients);
        return followers;
    }

    public Task StartAsync(PhaseWindow window, ChangeBook book, CancellationToken ct) => Task.CompletedTask;

    public Task DrainAsync(Change last, TimeSpan timeout) => Task.WhenAll(_clients.Select(c => c.WaitForSeqAsync(last.Seq, timeout)));

    public Task StopAsync() => Task.CompletedTask;

    public IEnumerable<IReadOnlyList<Sighting>> Sightings(IReadOnlyList<Change> changes) =>
        _clients.Select(client =>
        {
            var seen = new List<Sighting>(changes.Count);
            foreach (var change in changes)
                if (client.ArrivalOf(change.Seq) is { } at) seen.Add(new Sighting(change.Index, at));
            return (IReadOnlyList<Sighting>)seen;
        });

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        foreach (var chunk in _clients.Chunk(64)) await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
    }
}
