using Conflicto.Load.Clients;
using Conflicto.Load.Runner;
using Conflicto.Load.Target;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>The storm's command-line settings, checked before anything starts.</summary>
public sealed record StormOptions(
    int Participants, double DropShare, double Rate, TimeSpan Away, TimeSpan Window, TimeSpan WarmUp, TimeSpan RampUp,
    DropMode Mode, int Seed)
{
    /// <summary>How long one client may take to resume before it counts as not resumed.</summary>
    public static readonly TimeSpan ResumeTimeout = TimeSpan.FromSeconds(60);

    public static StormOptions From(LoadOptions o)
    {
        var options = new StormOptions(
            Participants: o.Int("participants", 200, 1, 5000),
            DropShare: o.Double("drop", 0.5),
            Rate: o.Double("rate", 10, 0.1),
            Away: o.Seconds("away", 2),
            // 20 s: every window then holds the same number of the server's 10 s presence
            // touches and 5 s recounts, so they cancel out of storm − quiet.
            Window: o.Seconds("window", 20),
            WarmUp: o.Seconds("warmup", 3),
            RampUp: o.Seconds("ramp-up", 5),
            Mode: (o.String("drop-mode") ?? "reset") switch
            {
                "reset" => DropMode.Reset,
                "silent" => DropMode.Silent,
                var other => throw new FormatException($"--drop-mode must be reset or silent, got '{other}'"),
            },
            Seed: o.Int("seed", 1));
        if (options.DropShare is <= 0 or > 1) throw new FormatException($"--drop must be in (0, 1], got {options.DropShare}");
        // The storm window must end late enough that every backend has published the storm's
        // database counters (DatabaseStats.FlushDelay) even if resuming takes a few seconds.
        var minimum = options.Away + DatabaseStats.FlushDelay + TimeSpan.FromSeconds(2);
        if (options.Window < minimum)
            throw new FormatException($"--window must be at least --away + {(DatabaseStats.FlushDelay + TimeSpan.FromSeconds(2)).TotalSeconds:0} s ({minimum.TotalSeconds:0} s here)");
        return options;
    }

    public string ModeName => Mode == DropMode.Reset ? "reset" : "silent";
}
