namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// What followers of one phase sent and received so far (totals; a window is the difference of
/// two readings). <see cref="Sent"/> is every client → server request or message, <see cref="Received"/>
/// every server → client answer or message, <see cref="Connections"/> every connection opened.
/// The rest are the pollers' own: status answers 304 and 200, activity fetches, poll slots skipped
/// because a poll ran past them.
/// </summary>
public readonly record struct FollowerCounts(long Sent, long Received, long Connections, long NotModified, long Changed, long Fetches, long SkippedSlots)
{
    public static FollowerCounts operator -(FollowerCounts a, FollowerCounts b) => new(
        a.Sent - b.Sent, a.Received - b.Received, a.Connections - b.Connections, a.NotModified - b.NotModified,
        a.Changed - b.Changed, a.Fetches - b.Fetches, a.SkippedSlots - b.SkippedSlots);
}

/// <summary>The participants following the session during one phase, one way (hub clients or legacy pollers).</summary>
public interface IFollowers : IAsyncDisposable
{
    /// <summary>"push" or "poll": the prefix of the phase's steps.</summary>
    string Name { get; }

    int Count { get; }

    /// <summary>True when every change reaches each follower as itself (events); false for views of the latest state.</summary>
    bool SeesEveryChange { get; }

    FollowerCounts Counts { get; }

    /// <summary>Begins following on the phase clock (pollers start polling; hub clients already follow).</summary>
    Task StartAsync(PhaseWindow window, ChangeBook book, CancellationToken ct);

    /// <summary>Waits, at most <paramref name="timeout"/>, until every follower has seen <paramref name="last"/>.</summary>
    Task DrainAsync(Change last, TimeSpan timeout);

    Task StopAsync();

    /// <summary>What each follower saw of <paramref name="changes"/>, and when.</summary>
    IEnumerable<IReadOnlyList<Sighting>> Sightings(IReadOnlyList<Change> changes);

    /// <summary>Integrity faults of the way of following (gaps, lost connections); empty when none.</summary>
    IReadOnlyList<string> Faults { get; }
}
