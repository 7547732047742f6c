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
