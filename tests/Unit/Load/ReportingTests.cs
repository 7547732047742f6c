using Conflicto.Load.Reporting;
using Conflicto.Load.Runner;
using Conflicto.Load.Stats;

namespace Conflicto.Tests.Unit.Load;

public class ReportingTests
{
    private static StepSummary Step(string name, params ErrorCount[] errors) =>
        new(name, 10, errors.Sum(e => e.Count), 1, 1, 2, 3, 4, 5, 1, errors);

    [Fact]
    public void Detect_SaturatedClientAndPortExhaustion_AreReported()
    {
        var limits = LimitDetector.Detect([], [Step("hub.connect", new ErrorCount("SocketException: Cannot assign requested address", 3))], 0.95);

        Assert.Equal(2, limits.Count);
        Assert.Contains(limits, l => l.StartsWith("client CPU saturated"));
        Assert.Contains(limits, l => l.StartsWith("local port exhaustion"));
    }

    [Fact]
    public void Detect_QuietRun_ReportsNothing() =>
        Assert.Empty(LimitDetector.Detect([], [Step("submit.ack")], 0.3));

    [Fact]
    public void Render_FailedCheck_MarksTheRunFailedAndListsIt()
    {
        var report = new RunReport("classroom", "cmd", DateTimeOffset.UnixEpoch, 1, 1, "t",
            new MachineInfo(2, 1L << 30, "Linux", ".NET", "cpu"), [Step("submit.ack")],
            [new CheckResult("results equal what was sent", false, "poll '1': sent 3, results say 2")],
            ["submit.ack: p99 30 ms > 20 ms"], [], [], new ResourceUse(1, 0.5, 1, 2, 1 << 20));

        var md = MarkdownReport.Render(report);

        Assert.False(report.Passed);
        Assert.StartsWith("# Load run: classroom — FAILED", md);
        Assert.Contains("- FAIL results equal what was sent: poll '1': sent 3, results say 2", md);
        Assert.Contains("- submit.ack: p99 30 ms > 20 ms", md);
        Assert.Contains("| submit.ack | 10 | 0 |", md);
    }

    [Fact]
    public void Render_ScenarioTableAndSeveralWindows_AreShownAndLabelled()
    {
        var table = new ReportTable("Push vs poll", ["Measure", "push", "poll"], [["requests", "10", "400"]], ["requests: sent in the window"]);
        var report = new RunReport("push-vs-poll", "cmd", DateTimeOffset.UnixEpoch, 1, 20, "t",
            new MachineInfo(2, 1L << 30, "Linux", ".NET", "cpu"), [Step("poll.status")], [], [], [], [],
            new ResourceUse(1, 0.5, 1, 2, 1 << 20), [table], MeasuredWindows: 2);

        var md = MarkdownReport.Render(report);

        Assert.Contains("## Push vs poll\n\n| Measure | push | poll |\n|---|---:|---:|\n| requests | 10 | 400 |\n\n- requests: sent in the window\n", md);
        Assert.Contains("measured window 20.0 s (the last of 2 measured windows", md);
        Assert.Contains("during the last measured window", md);
    }

    [Fact]
    public void Render_OneWindow_KeepsTheHeaderUnqualified()
    {
        var report = new RunReport("fanout", "cmd", DateTimeOffset.UnixEpoch, 1, 10, "t",
            new MachineInfo(2, 1L << 30, "Linux", ".NET", "cpu"), [Step("s")], [], [], [], [], new ResourceUse(1, 0.5, 1, 2, 1 << 20));

        var md = MarkdownReport.Render(report);

        Assert.Contains("measured window 10.0 s\n", md);
        Assert.DoesNotContain("measured windows", md);
        Assert.Contains("during the measured window", md);
    }
}
