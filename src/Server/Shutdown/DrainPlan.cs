namespace Conflicto.Server.Shutdown;

/// <summary>
/// The timetable of one drain, worked out from <see cref="ShutdownOptions.DrainSeconds"/> and how
/// many hub connections the node holds. Reconnect requests go out in waves every
/// <see cref="WaveInterval"/> at no more than <see cref="ReconnectsPerSecond"/>, spread over at most
/// <see cref="MaxSpread"/> or a fifth of the drain: 10,000 phones leave as 50 waves of 200, not in
/// one millisecond (each web client adds up to half a second of its own jitter). Connections still
/// open <see cref="LeaveGrace"/> after the last wave are closed. Running jobs may finish during the
/// first half of the drain; the second half is for releasing the rest and for the web server and
/// background services to stop.
/// </summary>
public sealed record DrainPlan(TimeSpan Total, TimeSpan FinishJobsWithin, TimeSpan LeaveGrace, IReadOnlyList<int> Waves)
{
    public const int ReconnectsPerSecond = 2_000;
    public static readonly TimeSpan WaveInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxSpread = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxLeaveGrace = TimeSpan.FromSeconds(1);

    public static DrainPlan For(int drainSeconds, int connections)
    {
        var total = TimeSpan.FromSeconds(drainSeconds);
        var spread = Min(Min(MaxSpread, total / 5), TimeSpan.FromSeconds((double)connections / ReconnectsPerSecond));
        var waves = Math.Max(1, (int)(spread / WaveInterval));
        var sizes = new List<int>(waves);
        for (var i = 0; i < waves; i++) sizes.Add(connections / waves + (i < connections % waves ? 1 : 0));
        return new DrainPlan(total, total / 2, Min(MaxLeaveGrace, total / 5), connections == 0 ? [] : sizes);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
