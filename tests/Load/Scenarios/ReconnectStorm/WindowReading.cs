using System.Diagnostics;
using Conflicto.Load.Target;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>
/// Counters at one window boundary: server CPU (/proc), this process's CPU, and the run
/// database's transactions and rows (pg_stat_database, null against --url nodes). The database
/// counters lag by up to a second for busy backends (more for idle ones, see DatabaseStats), so
/// both windows carry the same small boundary error from the steady host load, and the storm
/// window is long enough for the storm's own counters to be published before it closes.
/// </summary>
public sealed record WindowReading(long At, double ServerCpuSeconds, double ClientCpuSeconds, DatabaseLoad? Database)
{
    public static async Task<WindowReading> TakeAsync(LoadTarget target, CancellationToken ct)
    {
        var at = Stopwatch.GetTimestamp();
        var server = target.Server?.CpuSeconds ?? 0;
        var client = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var database = target.Database is { } stats ? await stats.ReadAsync(ct) : null;
        return new WindowReading(at, server, client, database);
    }
}

/// <summary>What happened between two readings.</summary>
public sealed record WindowLoad(TimeSpan Length, double ServerCpuSeconds, double ClientCpuSeconds, DatabaseLoad? Database)
{
    public static WindowLoad Between(WindowReading from, WindowReading to) => new(
        Stopwatch.GetElapsedTime(from.At, to.At),
        to.ServerCpuSeconds - from.ServerCpuSeconds,
        to.ClientCpuSeconds - from.ClientCpuSeconds,
        to.Database is { } end && from.Database is { } start ? end - start : null);

    /// <summary>Share of the cores this process may run on (one when the runner is pinned) that it used over the window.</summary>
    public double ClientCpuShare
    {
        get
        {
            var cores = OperatingSystem.IsLinux()
                ? System.Numerics.BitOperations.PopCount((ulong)(long)Process.GetCurrentProcess().ProcessorAffinity)
                : Environment.ProcessorCount;
            return ClientCpuSeconds / Math.Max(0.001, Length.TotalSeconds) / Math.Max(1, cores);
        }
    }
}
