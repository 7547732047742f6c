using System.Text.RegularExpressions;

namespace Conflicto.Tests.Integration.Access;

/// <summary>
/// One row of the matrix: a REST route (<c>GET /api/v1/…</c>, maybe with a variant such as
/// <c>draft</c>) or a hub method (<c>JoinSession</c>), and the status each actor gets.
/// </summary>
public sealed record MatrixRow(string Key, string? Variant, IReadOnlyDictionary<Actor, int> Expected)
{
    public bool IsHub => !Key.Contains(' ', StringComparison.Ordinal);

    public string Name => Variant is null ? Key : $"{Key} ({Variant})";
}

/// <summary>
/// The expected outcomes, read from the one place they are written: the tables of docs/security.md's
/// "Access matrix" section. A row is <c>| `KEY` (variant) | anonymous | viewer | participant |
/// other participant | host | other host | notes |</c>; the tests prove every cell, so the page and
/// the server cannot drift apart.
/// </summary>
public static partial class AccessMatrix
{
    public const string Section = "## Access matrix";

    private static readonly Lazy<IReadOnlyList<MatrixRow>> Parsed = new(() => Parse(File.ReadAllText(DocPath())));

    public static IReadOnlyList<MatrixRow> Rows => Parsed.Value;

    public static MatrixRow Row(string name) => Rows.Single(r => r.Name == name);

    public static IReadOnlyList<MatrixRow> Parse(string markdown)
    {
        var start = markdown.IndexOf("\n" + Section + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/security.md has no \"{Section}\" section.");
        var end = markdown.IndexOf("\n## ", start + Section.Length + 1, StringComparison.Ordinal);
        var section = end < 0 ? markdown[start..] : markdown[start..end];
        var rows = new List<MatrixRow>();
        foreach (var line in section.Split('\n'))
        {
            var match = RowLine().Match(line);
            if (!match.Success) continue;
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.True(cells.Length >= 7, $"docs/security.md access matrix row has fewer than 7 cells: {line}");
            var expected = new Dictionary<Actor, int>();
            foreach (var actor in Enum.GetValues<Actor>())
            {
                var cell = cells[1 + (int)actor];
                Assert.True(int.TryParse(StatusOf().Match(cell).Value, out var status), $"docs/security.md access matrix: '{cell}' is not a status in: {line}");
                expected[actor] = status;
            }
            var variant = match.Groups["variant"].Success ? match.Groups["variant"].Value : null;
            rows.Add(new MatrixRow(match.Groups["key"].Value, variant, expected));
        }
        Assert.True(rows.Count > 0, "docs/security.md's access matrix has no rows.");
        var twice = rows.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"docs/security.md's access matrix lists these twice: {string.Join(", ", twice)}");
        return rows;
    }

    public static string DocPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Conflicto.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Conflicto.sln not found above " + AppContext.BaseDirectory), "docs", "security.md");
    }

    [GeneratedRegex(@"^\|\s*`(?<key>[^`]+)`(?:\s*\((?<variant>[a-z ]+)\))?\s*\|")]
    private static partial Regex RowLine();

    [GeneratedRegex(@"\d{3}")]
    private static partial Regex StatusOf();
}
