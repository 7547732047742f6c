using System.Text;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>What a run tried and got, by kind of hostility, and the failures found (each a replayable description).</summary>
public sealed class HostileTally(string title)
{
    private const int FailuresShown = 40;
    private readonly SortedDictionary<string, int[]> _byKind = new(StringComparer.Ordinal); // tried, 2xx/3xx, 4xx, 5xx
    private readonly SortedDictionary<int, int> _byStatus = [];
    private readonly List<string> _failures = [];

    public int Tried { get; private set; }
    public int ServerErrors { get; private set; }
    public int Failures => _failures.Count;

    public void Count(string kind, int status)
    {
        Tried++;
        var row = _byKind.TryGetValue(kind, out var r) ? r : _byKind[kind] = new int[4];
        row[0]++;
        row[status >= 500 ? 3 : status >= 400 ? 2 : 1]++; // 0 (the client would not send it) counts as accepted
        if (status >= 500) ServerErrors++;
        _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
    }

    public void Fail(string what) => _failures.Add(what);

    private readonly List<string> _notes = [];

    /// <summary>Something odd that is not a failure of the rule under test (kept in the report).</summary>
    public void Note(string what) => _notes.Add(what);

    public string Summary()
    {
        var text = new StringBuilder($"{title}: {Tried} cases, {ServerErrors} answered 5xx, {_failures.Count} failed, {_notes.Count} notes; {HostileRun.Replay}\n");
        text.Append("| Kind | Tried | Accepted | Refused (4xx) | 5xx |\n|---|---|---|---|---|\n");
        foreach (var (kind, row) in _byKind) text.Append($"| {kind} | {row[0]} | {row[1]} | {row[2]} | {row[3]} |\n");
        text.Append("Statuses: ").AppendJoin(", ", _byStatus.Select(s => $"{s.Key}×{s.Value}")).Append('\n');
        return text.ToString();
    }

    public string Report() =>
        Summary() + (_failures.Count == 0 ? "" : $"Failures (first {Math.Min(FailuresShown, _failures.Count)} of {_failures.Count}):\n"
            + string.Join("\n", _failures.Take(FailuresShown).Select(f => "- " + f)));

    /// <summary>Writes the summary where the docs' figures come from: $CONFLICTO_HOSTILE_REPORT, else the temp folder.</summary>
    public void Save(string file)
    {
        var folder = Environment.GetEnvironmentVariable("CONFLICTO_HOSTILE_REPORT") is { Length: > 0 } f ? f : Path.GetTempPath();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, file), Summary() + string.Join("\n", _failures.Select(f => "- " + f))
            + (_notes.Count == 0 ? "" : "\nNotes:\n" + string.Join("\n", _notes.Select(n => "- " + n))));
    }
}
