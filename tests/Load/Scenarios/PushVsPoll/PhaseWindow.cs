using System.Diagnostics;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// The clock of one phase: a warm-up (followers and host already at work, nothing counted), then
/// the measured window of <see cref="Duration"/>. Everyone in the phase schedules on this clock.
/// </summary>
public sealed class PhaseWindow(TimeSpan warmUp, TimeSpan duration)
{
    private readonly Stopwatch _clock = new();

    public TimeSpan WarmUp => warmUp;

    public TimeSpan Duration => duration;

    public TimeSpan End => warmUp + duration;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Start() => _clock.Restart();

    /// <summary>Whether something scheduled at <paramref name="at"/> falls in the measured window.</summary>
    public bool Covers(TimeSpan at) => at >= warmUp && at < End;

    public async Task DelayUntilAsync(TimeSpan at, CancellationToken ct)
    {
        var wait = at - _clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
    }
}
