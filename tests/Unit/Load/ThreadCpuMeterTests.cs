using System.Diagnostics;
using Conflicto.Load.Target;

namespace Conflicto.Tests.Unit.Load;

public class ThreadCpuMeterTests
{
    private const string Name = "pvp-test-burn";

    [Fact]
    public async Task Seconds_KeepsTheCpuOfANamedThreadAfterItHasEnded()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc only
        await using var meter = ThreadCpuMeter.Start(Environment.ProcessId, Name);
        var stop = false;
        var thread = new Thread(() =>
        {
            var x = 0.0;
            while (!Volatile.Read(ref stop)) x += Math.Sqrt(x + 1);
            GC.KeepAlive(x);
        }) { Name = Name };
        thread.Start();
        var clock = Stopwatch.StartNew();
        while (ProcStat.ThreadCpuSeconds(Environment.ProcessId, Name).Values.Sum() < 0.1 && clock.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(20);
        var whileRunning = meter.Seconds();
        Volatile.Write(ref stop, true);
        thread.Join();
        await Task.Delay(300);

        Assert.InRange(whileRunning, 0.1, 10);
        Assert.Empty(ProcStat.ThreadCpuSeconds(Environment.ProcessId, Name)); // gone from /proc...
        Assert.True(meter.Seconds() >= whileRunning, "an ended thread's CPU must stay counted"); // ...but still counted
    }

    [Fact]
    public void Total_CountsFromTheFirstSample() =>
        Assert.Equal(1.5, ThreadCpuMeter.Total([(2.0, 3.0), (0.0, 0.5)]), 9);
}
