using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Conflicto.Processing.Analysis;

/// <summary>
/// Looks up settings in a configuration of unknown shape. Names match loosely
/// (<c>allow_multiple</c>, <c>allowMultiple</c> and <c>Allow-Multiple</c> are one name) and are
/// found at the top level first, then in nested objects (<c>{"scale": {"min": 1}}</c>), breadth
/// first; among names found at the same depth, the one listed first wins. The walk stops at <see cref="MaxDepth"/> and after <see cref="MaxProperties"/>, so a
/// configuration nested hundreds of levels deep or with a million keys costs no more than a small one.
/// </summary>
internal sealed class ConfigurationReader
{
    public const int MaxDepth = 4;
    public const int MaxProperties = 2000;

    private readonly List<(string Key, JsonElement Value, int Depth)> _properties = [];

    public ConfigurationReader(JsonElement configuration, int maxDepth = MaxDepth)
    {
        var level = new List<JsonElement>();
        if (configuration.ValueKind == JsonValueKind.Object) level.Add(configuration);
        for (var depth = 0; depth < maxDepth && level.Count > 0; depth++)
        {
            var next = new List<JsonElement>();
            foreach (var obj in level)
                foreach (var property in obj.EnumerateObject())
                {
                    if (_properties.Count >= MaxProperties) return;
                    _properties.Add((Normalize(property.Name), property.Value, depth));
                    if (property.Value.ValueKind == JsonValueKind.Object) next.Add(property.Value);
                }
            level = next;
        }
    }

    public bool IsEmpty => _properties.Count == 0;

    /// <summary>The shallowest value under one of <paramref name="names"/> (given normalised: lower case, no separators).</summary>
    public JsonElement? Find(params string[] names) => FindAll(names).Select(v => (JsonElement?)v).FirstOrDefault();

    /// <summary>Every value under one of <paramref name="names"/>: shallowest first, then in the order of the names; nulls skipped.</summary>
    public IEnumerable<JsonElement> FindAll(params string[] names) => _properties
        .Where(p => names.Contains(p.Key) && p.Value.ValueKind != JsonValueKind.Null)
        .OrderBy(p => p.Depth).ThenBy(p => Array.IndexOf(names, p.Key))
        .Select(p => p.Value);

    public string? Text(params string[] names) =>
        FindAll(names).Where(v => v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())).Select(v => v.GetString()).FirstOrDefault();

    public double? Number(params string[] names) => FindAll(names).Select(AsNumber).FirstOrDefault(n => n is not null);

    public bool IsTrue(params string[] names) => FindAll(names).Any(v => AsBool(v) == true);

    /// <summary>A finite number, also when written as a string ("5").</summary>
    public static double? AsNumber(JsonElement value)
    {
        double number;
        if (value.ValueKind == JsonValueKind.Number) { if (!value.TryGetDouble(out number)) return null; }
        else if (value.ValueKind != JsonValueKind.String
            || !double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return null;
        return double.IsFinite(number) ? number : null;
    }

    /// <summary>A count read from a number: rounded down and kept within ±1,000,000 so it converts safely.</summary>
    public static int? Whole(double? number) => number is { } n ? (int)Math.Floor(Math.Clamp(n, -1_000_000, 1_000_000)) : null;

    public static bool? AsBool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => value.GetString()?.Trim().ToLowerInvariant() switch { "true" or "yes" => true, "false" or "no" => false, _ => null },
        _ => null,
    };

    /// <summary>A scalar as text (numbers in their JSON form); null for objects, arrays and null.</summary>
    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>The lower-case words of a name: "starRating", "star_rating" and "Star Rating" are star, rating.</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < name.Length && words.Count < 20; i++)
        {
            var c = name[i];
            var startsWord = char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]);
            if ((!char.IsLetterOrDigit(c) || startsWord) && word.Length > 0) { words.Add(word.ToString()); word.Clear(); }
            if (char.IsLetterOrDigit(c)) word.Append(char.ToLowerInvariant(c));
        }
        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }

    /// <summary>Lower case with separators dropped: the form names are compared in.</summary>
    public static string Normalize(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name)
            if (char.IsLetterOrDigit(c)) key.Append(char.ToLowerInvariant(c));
        return key.ToString();
    }
}
