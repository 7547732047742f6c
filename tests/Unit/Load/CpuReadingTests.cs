using Conflicto.Load.Scenarios.ReconnectStorm;

namespace Conflicto.Tests.Unit.Load;

public class CpuReadingTests
{
    private const string ProcStat = """
        cpu  900 10 300 5000 40 0 20 0 0 0
        cpu0 500 5 200 2000 30 7 10 3 0 0
        cpu1 400 5 100 3000 10 0 10 0 0 0
        intr 12345
        """;

    [Fact]
    public void CoreBusySeconds_SumsBusyFieldsOfThatCoreOnly() =>
        // user 500 + nice 5 + system 200 + irq 7 + softirq 10 + steal 3 = 725 ticks; idle and iowait left out.
        Assert.Equal(7.25, CpuReading.CoreBusySeconds(ProcStat.Replace("\r", ""), 0));

    [Fact]
    public void CoreBusySeconds_UnknownCore_IsNull() =>
        Assert.Null(CpuReading.CoreBusySeconds(ProcStat, 5));
}
