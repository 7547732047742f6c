using System.Globalization;

namespace Conflicto.Load.Target;

/// <summary>CPU time and resident memory of a process, read from /proc (Linux only; zeros elsewhere).</summary>
public static class ProcStat
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/&lt;pid&gt;/stat; 100 on every Linux we run on.</summary>
    private const double TicksPerSecond = 100;

    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may contain spaces: fields are counted after its ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (utime + stime) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>
    /// CPU seconds so far of each live thread (by id) of the process named <paramref name="threadName"/>
    /// (Linux truncates thread names to 15 characters). A thread that has ended is no longer listed.
    /// </summary>
    public static IReadOnlyDictionary<int, double> ThreadCpuSeconds(int pid, string threadName)
    {
        var threads = new Dictionary<int, double>();
        IEnumerable<string> tasks;
        try { tasks = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return threads; }
        foreach (var task in tasks)
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var close = stat.LastIndexOf(')');
                if (stat[(stat.IndexOf('(') + 1)..close] != threadName) continue;
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = ticks / TicksPerSecond;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // the thread ended while we looked
            }
        }
        return threads;
    }

    /// <summary>The .NET runtime's background thread that recompiles hot methods at tier 1 (one-off warm-up work).</summary>
    public const string TieredCompilationThread = ".NET Tiered Com";

    public static long RssBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is null) return 0;
            var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return kb * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
