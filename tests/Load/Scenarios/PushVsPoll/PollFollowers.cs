namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// The same N participants as legacy pollers (<see cref="LegacyPoller"/>), spread evenly over
/// each poll period (<see cref="PollSchedule"/>), over HTTP keep-alive connections of one
/// shared handler. They poll from the start of the phase's warm-up until stopped.
/// </summary>
public sealed class PollFollowers : IFollowers
{
    private readonly PollCounters _counters = new();
    private readonly HttpClient _http;
    private readonly List<LegacyPoller> _pollers;
    private readonly TimeSpan _period;
    private readonly CancellationTokenSource _stop = new();
    private CancellationTokenSource? _linked;
    private Task _running = Task.CompletedTask;

    public PollFollowers(ScenarioContext ctx, int sessionId, IReadOnlyList<string> tokens, TimeSpan period)
    {
        _period = period;
        _http = _counters.CreateHttp(Math.Max(1, tokens.Count));
        _pollers = tokens.Select((token, i) => new LegacyPoller(ctx, _http, _counters, ctx.Target.UrlFor(i), sessionId, token)).ToList();
    }

    public string Name => "poll";
    public int Count => _pollers.Count;
    public bool SeesEveryChange => false;
    public FollowerCounts Counts => _counters.Read();
    public IReadOnlyList<string> Faults => [];

    public Task StartAsync(PhaseWindow window, ChangeBook book, CancellationToken ct)
    {
        var schedule = new PollSchedule(_pollers.Count, _period);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        var stop = _linked.Token;
        _running = Task.WhenAll(_pollers.Select((poller, i) => Task.Run(() => poller.RunAsync(schedule, i, window, book, stop), CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task DrainAsync(Change last, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout + _period;
        while (_pollers.Any(p => p.Newest < last.Index) && DateTime.UtcNow < deadline) await Task.Delay(50);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    public IEnumerable<IReadOnlyList<Sighting>> Sightings(IReadOnlyList<Change> changes) => _pollers.Select(p => p.Sightings);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _linked?.Dispose();
        _stop.Dispose();
    }
}
