using System.Text.Json;

namespace Conflicto.Processing.Analysis;

/// <param name="Listed">How many entries the configuration had, usable or not.</param>
/// <param name="Truncated">More usable options were listed than <see cref="OptionLists.MaxOptions"/>.</param>
internal sealed record OptionList(IReadOnlyList<string> Options, int Listed, bool Truncated);

/// <summary>
/// Reads option texts from whatever a configuration holds: an array of strings, numbers or
/// booleans (numbers become their JSON text), of objects with a label, a map of ids to texts, or one
/// string separated by new lines, semicolons, commas or bars. Texts are trimmed, blanks and
/// case-insensitive duplicates dropped (a pick by text could not tell them apart) and at most
/// <see cref="MaxOptions"/> kept, each at most <see cref="MaxOptionLength"/> characters.
/// </summary>
internal static class OptionLists
{
    public const int MaxOptions = 50;
    public const int MaxOptionLength = 200;

    private static readonly string[] LabelKeys = ["label", "text", "title", "name", "value", "option", "answer", "choice"];
    private static readonly char[] Separators = ['\n', ';', ',', '|'];

    public static OptionList? Read(JsonElement value)
    {
        var (candidates, listed) = value.ValueKind switch
        {
            JsonValueKind.Array => (value.EnumerateArray().Select(Label), value.GetArrayLength()),
            // A map of settings ({"shuffle": true}) is no list of options: only its strings count.
            JsonValueKind.Object => (value.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null), -1),
            JsonValueKind.String when value.GetString()!.IndexOfAny(Separators) >= 0 => Split(value.GetString()!),
            _ => (Enumerable.Empty<string?>(), 0),
        };
        var options = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var truncated = false;
        var count = 0;
        foreach (var candidate in candidates)
        {
            count++;
            var text = candidate?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            text = Prompts.Shorten(text, MaxOptionLength);
            if (!seen.Add(text)) continue;
            if (options.Count == MaxOptions) { truncated = true; break; }
            options.Add(text);
        }
        if (options.Count == 0) return null;
        return new OptionList(options, listed >= 0 ? listed : count, truncated);
    }

    private static (IEnumerable<string?>, int) Split(string text)
    {
        var separator = Separators.First(s => text.Contains(s)); // the strongest one present
        var parts = text.Split(separator);
        return (parts, parts.Length);
    }

    private static string? Label(JsonElement entry)
    {
        if (ConfigurationReader.AsText(entry) is { } text) return text;
        if (entry.ValueKind != JsonValueKind.Object) return null;
        var reader = new ConfigurationReader(entry, maxDepth: 1);
        foreach (var key in LabelKeys)
            if (reader.Find(key) is { } label && ConfigurationReader.AsText(label) is { } labelText) return labelText;
        return null;
    }
}
