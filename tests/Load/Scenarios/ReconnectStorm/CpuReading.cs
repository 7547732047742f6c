using System.Diagnostics;
using System.Globalization;
using Conflicto.Load.Target;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>
/// CPU counters at one instant: the server process, this process, and, when the server is
/// pinned (to CPU 0), how busy that core was in total. The machine is shared: the difference
/// between the core's busy time and the server's own is what other processes (PostgreSQL,
/// other runs) took from the server's core, which is needed to read a slow storm correctly.
/// </summary>
public sealed record CpuReading(long At, double ServerSeconds, double ClientSeconds, double? ServerCoreBusySeconds)
{
    /// <summary>The core <see cref="LoadTarget"/> pins the server to.</summary>
    private const int ServerCore = 0;

    /// <summary>USER_HZ, the unit of /proc/stat (as in <see cref="ProcStat"/>).</summary>
    private const double TicksPerSecond = 100;

    public static CpuReading Take(LoadTarget target)
    {
        var at = Stopwatch.GetTimestamp();
        double? core = null;
        if (target.Server is { Pinned: true } && OperatingSystem.IsLinux())
        {
            try { core = CoreBusySeconds(File.ReadAllText("/proc/stat"), ServerCore); }
            catch (IOException) { /* not readable here: the figure is left out */ }
        }
        return new CpuReading(at, target.Server?.CpuSeconds ?? 0, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, core);
    }

    /// <summary>Busy time of one core from /proc/stat text: user, nice, system, irq, softirq and steal (idle and iowait left out).</summary>
    public static double? CoreBusySeconds(string procStat, int core)
    {
        var prefix = $"cpu{core} ";
        var line = procStat.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (line is null) return null;
        var f = line[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        if (f.Length < 8) return null;
        return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / TicksPerSecond;
    }
}
