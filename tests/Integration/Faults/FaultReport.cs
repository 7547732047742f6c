using System.Globalization;
using Xunit.Abstractions;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// Recovery times of one fault, measured from the moment it was injected: the first and the last
/// acknowledgement of an answer the fault made fail at least once (retried with the same key), and
/// when the last client that lost its connection was joined again. Written to the test output and
/// as a row of TestResults/faults.md (CONFLICTO_TEST_RESULTS when set), the table docs/benchmarks.md quotes.
/// </summary>
public sealed record FaultReport(string Fault, double? FirstAck, double? LastAck, double? Resumed, int Retried, int Dropped, int Acked, int Hub503, int Rest503)
{
    public const string Header = "| Fault | Clients | Answers acked | Clients affected | Retried answers | First ack | Last ack | Clients dropped | All resumed | Hub 503s | REST 503s |";

    /// <summary>
    /// Affected clients: those whose connection dropped, and those with an answer the fault made fail.
    /// First/last ack: the earliest and the latest of their first acknowledgement after the fault,
    /// so "last ack" is when every affected client was being answered again.
    /// </summary>
    public static FaultReport Measure(string fault, FaultLoad load, DateTime faultAt)
    {
        var retried = load.Acks.Values.Where(a => a.Attempts > 1).ToList();
        var clients = load.Phones.Select(p => (Id: (int?)p.Person.Id, Client: p.Phone)).Concat(load.Hosts.Select(h => (Id: (int?)null, Client: h))).ToList();
        var dropped = clients.Where(c => c.Client.DroppedAt >= faultAt).ToList();
        var affected = dropped.Where(c => c.Id is not null).Select(c => c.Id!.Value).Concat(retried.Select(a => a.Participant)).ToHashSet();
        var firstAcks = load.Acks.Values.Where(a => affected.Contains(a.Participant) && a.At >= faultAt)
            .GroupBy(a => a.Participant).Select(g => g.Min(a => a.At)).ToList();
        var resumed = dropped.Select(c => c.Client.Resumes.Where(r => r.At >= faultAt).Select(r => r.At).DefaultIfEmpty(DateTime.MaxValue).Max()).ToList();
        return new FaultReport(fault,
            firstAcks.Count > 0 ? Seconds(firstAcks.Min() - faultAt) : null,
            firstAcks.Count > 0 ? Seconds(firstAcks.Max() - faultAt) : null,
            resumed.Count > 0 && resumed.All(r => r != DateTime.MaxValue) ? Seconds(resumed.Max() - faultAt) : null,
            retried.Count, dropped.Count, load.Acks.Count, load.Hub503, load.Rest503 + load.Pollers.Refused)
        { Clients = $"{load.Phones.Count + load.Hosts.Count} hub + {load.RestPeople.Count} REST + {load.Pollers.Followed.Count + 4} pollers", Affected = affected.Count, Steps = [.. load.Steps] };
    }

    public int Affected { get; init; }

    public IReadOnlyList<string> Steps { get; init; } = [];

    public string Clients { get; init; } = "";

    public string Row => $"| {Fault} | {Clients} | {Acked} | {Affected} | {Retried} | {S(FirstAck)} | {S(LastAck)} | {Dropped} | {S(Resumed)} | {Hub503} | {Rest503} |";

    /// <summary>Writes the line to the test output and appends the row to the results table.</summary>
    public void Write(ITestOutputHelper output)
    {
        output.WriteLine($"Recovery: {Fault}: first ack {S(FirstAck)}, last ack {S(LastAck)}, all resumed {S(Resumed)} after the fault; " +
            $"{Affected} clients affected, {Retried} answers retried, {Dropped} clients dropped, {Acked} acked, hub 503s {Hub503}, REST 503s {Rest503}");
        foreach (var step in Steps) output.WriteLine($"  {step}");
        var dir = Environment.GetEnvironmentVariable("CONFLICTO_TEST_RESULTS") is { Length: > 0 } set ? set : Path.Combine(RepoRoot(), "TestResults");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "faults.md");
        lock (Header)
        {
            if (!File.Exists(file))
                File.WriteAllText(file, $"# Fault tests (#13), {Environment.ProcessorCount} cores\n\n{Header}\n|---|---|---|---|---|---|---|---|---|---|---|\n");
            File.AppendAllText(file, Row + "\n");
        }
    }

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 2);

    private static string S(double? seconds) => seconds is { } s ? s.ToString("0.00 's'", CultureInfo.InvariantCulture) : "–";

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Conflicto.sln"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}
