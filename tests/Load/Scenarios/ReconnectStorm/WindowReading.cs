using System.Diagnostics;
using Conflicto.Load.Target;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>
/// Counters at one window boundary: CPU (<see cref="CpuReading"/>) and the run database's
/// transactions and rows (pg_stat_database, null against --url nodes). The database counters
/// lag by up to a second for busy backends (more for idle ones, see DatabaseStats), so both
/// windows carry the same small boundary error from the steady host load, and the storm window
/// lasts until the storm's own counters have been published.
/// </summary>
public sealed record WindowReading(CpuReading Cpu, DatabaseLoad? Database)
{
    public long At => Cpu.At;

    public static async Task<WindowReading> TakeAsync(LoadTarget target, CancellationToken ct)
    {
        var cpu = CpuReading.Take(target);
        var database = target.Database is { } stats ? await stats.ReadAsync(ct) : null;
        return new WindowReading(cpu, database);
    }
}

/// <summary>What happened between two readings.</summary>
public sealed record WindowLoad(TimeSpan Length, double ServerCpuSeconds, double ClientCpuSeconds, double? OthersOnServerCoreSeconds, DatabaseLoad? Database)
{
    public static WindowLoad Between(CpuReading from, CpuReading to, DatabaseLoad? database = null)
    {
        var server = to.ServerSeconds - from.ServerSeconds;
        return new WindowLoad(
            Stopwatch.GetElapsedTime(from.At, to.At), server, to.ClientSeconds - from.ClientSeconds,
            to.ServerCoreBusySeconds - from.ServerCoreBusySeconds - server, database);
    }

    public static WindowLoad Between(WindowReading from, WindowReading to) =>
        Between(from.Cpu, to.Cpu, to.Database is { } end && from.Database is { } start ? end - start : null);

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

    /// <summary>Share of one core the server used over the window.</summary>
    public double ServerCpuShare => ServerCpuSeconds / Math.Max(0.001, Length.TotalSeconds);
}
