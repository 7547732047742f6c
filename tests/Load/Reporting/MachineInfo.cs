using System.Runtime.InteropServices;

namespace Conflicto.Load.Reporting;

public sealed record MachineInfo(int Cores, long MemoryBytes, string Os, string DotNet, string Cpu)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ReadMemTotal(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadCpuModel());

    private static long ReadMemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException) { return 0; }
    }

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException) { return "unknown"; }
    }
}
