using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Conflicto.Server.Infrastructure;

/// <summary>Where input breaks the storage rule, and why: <c>$.response_data.items[2]</c>, "contains U+0000 (NUL)".</summary>
public sealed record Unstorable(string Path, string Reason)
{
    public string Message => $"{Path} {Reason}.";
}

/// <summary>
/// The one rule for every string and JSON document the server accepts, over REST and over the hub:
/// only input that Postgres (text, jsonb) and the schema validator can hold. Checked at the edge so a
/// value that would fail deep inside (a 500 from Npgsql, Newtonsoft or the JSON reader) is a 422 instead.
/// <list type="bullet">
/// <item>valid UTF-8 only (no CESU-8 surrogate bytes, no overlongs), and no U+0000, which Postgres text and jsonb refuse;</item>
/// <item>no unpaired UTF-16 surrogate, escaped (<c>\ud800</c>) or in a hub argument: it has no UTF-8 form;</item>
/// <item>numbers at most <see cref="MaxNumberLength"/> characters long and finite as a double (|x| ≤ 1.7976931348623157e308):
/// <c>1e999999</c> overflows Postgres numeric, a 5,000-digit integer the schema validator, and NaN/±Infinity
/// (MessagePack can send them) have no JSON form.</item>
/// </list>
/// </summary>
public static class StorableText
{
    /// <summary>A number written in more characters than this is refused, whatever its value (a double needs at most 24).</summary>
    public const int MaxNumberLength = 100;

    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can.</summary>
    public static string? Reason(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return "contains U+0000 (NUL), which cannot be stored";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return $"contains an unpaired surrogate (U+{(int)c:X4}), which is not Unicode text";
        }
        return null;
    }

    /// <summary>The first place a UTF-8 JSON document breaks the rule, or null. Malformed JSON is left to the JSON reader that binds it.</summary>
    public static Unstorable? CheckJson(ReadOnlySequence<byte> utf8) =>
        utf8.IsSingleSegment ? CheckJson(utf8.FirstSpan) : CheckJson(utf8.ToArray());

    /// <inheritdoc cref="CheckJson(ReadOnlySequence{byte})"/>
    public static Unstorable? CheckJson(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8)) return new("$", "is not valid UTF-8 (CESU-8 surrogate bytes and overlong forms included)");
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        var path = new List<string>();
        var indexes = new List<int>(); // -1 for an object, else the next array index
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (ReadString(ref reader, out var name) is { } nameReason) return new(Path(path, null) + " (a property name)", nameReason);
                        property = name;
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        path.Add(Step(indexes, property));
                        indexes.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                        property = null;
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        indexes.RemoveAt(indexes.Count - 1);
                        continue;
                    case JsonTokenType.String:
                        var at = Step(indexes, property);
                        if (ReadString(ref reader, out _) is { } reason) return new(Path(path, at), reason);
                        break;
                    case JsonTokenType.Number:
                        var numberAt = Step(indexes, property);
                        if (NumberReason(ref reader) is { } numberReason) return new(Path(path, numberAt), numberReason);
                        break;
                    default:
                        Step(indexes, property);
                        break;
                }
                property = null;
            }
        }
        catch (JsonException)
        {
            return null; // malformed: the binding's own reader refuses it with its line and position
        }
        return null;
    }

    /// <summary>Why a value of a hub argument (a string, a JsonElement, or MessagePack's dictionaries, lists and numbers) cannot be stored, or null.</summary>
    public static Unstorable? CheckValue(object? value, string path = "$") => value switch
    {
        null or bool => null,
        string s => Reason(s) is { } r ? new(path, r) : null,
        double d when !double.IsFinite(d) => new(path, $"is {d.ToString(CultureInfo.InvariantCulture)}, which JSON cannot hold"),
        float f when !float.IsFinite(f) => new(path, $"is {f.ToString(CultureInfo.InvariantCulture)}, which JSON cannot hold"),
        JsonElement e => CheckJson(Encoding.UTF8.GetBytes(e.GetRawText())) is { } u ? u with { Path = path + u.Path[1..] } : null,
        System.Collections.IDictionary map => CheckEntries(map, path),
        System.Collections.IEnumerable list when value is not string => CheckItems(list, path),
        _ => null,
    };

    private static Unstorable? CheckEntries(System.Collections.IDictionary map, string path)
    {
        foreach (System.Collections.DictionaryEntry entry in map)
        {
            if (entry.Key is string key && Reason(key) is { } r) return new(path + " (a property name)", r);
            if (CheckValue(entry.Value, $"{path}.{entry.Key}") is { } found) return found;
        }
        return null;
    }

    private static Unstorable? CheckItems(System.Collections.IEnumerable list, string path)
    {
        var i = 0;
        foreach (var item in list)
            if (CheckValue(item, $"{path}[{i++}]") is { } found) return found;
        return null;
    }

    private static string? ReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        try
        {
            value = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // The reader cannot turn an escaped lone surrogate ("\ud800") into a string.
            return "contains an unpaired surrogate, which is not Unicode text";
        }
        return Reason(value);
    }

    private static string? NumberReason(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxNumberLength) return $"is a number written in {length} characters; at most {MaxNumberLength} are accepted";
        // TryGetDouble is false for numbers beyond a double's range (1e999999): they cannot be stored as given.
        if (!reader.TryGetDouble(out var d) || !double.IsFinite(d)) return "is a number beyond what can be stored (±1.7976931348623157e308)";
        return null;
    }

    /// <summary>The segment the value about to be read is at, advancing the enclosing array's index.</summary>
    private static string Step(List<int> indexes, string? property)
    {
        if (indexes.Count == 0) return "";
        var last = indexes.Count - 1;
        if (indexes[last] < 0) return "." + property;
        return $"[{indexes[last]++}]";
    }

    private static string Path(List<string> path, string? leaf)
    {
        var text = new StringBuilder("$");
        foreach (var segment in path) text.Append(segment);
        return text.Append(leaf).ToString();
    }
}
