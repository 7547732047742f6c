using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Converts between JSON documents and plain object trees (dictionaries, lists, strings, numbers,
/// booleans), the one shape both hub protocols (JSON and MessagePack) serialise alike.
/// </summary>
public static class JsonTree
{
    public static object? ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>
    /// Reads a hub argument into JSON: System.Text.Json hands us a JsonElement, MessagePack a tree
    /// of dictionaries and arrays. Returns null for shapes JSON cannot hold (non-string keys...).
    /// </summary>
    public static JsonElement? FromArgument(object? value, int maxDepth)
    {
        if (value is JsonElement element)
        {
            // The JSON hub protocol parses up to its own depth (64): hold hub input to REST's limit.
            return TooDeep(element, maxDepth) ? throw new JsonException("The value is nested too deeply.") : element;
        }
        var node = ToNode(value, maxDepth);
        return node is null && value is not null ? null : JsonSerializer.SerializeToElement(node);
    }

    private static bool TooDeep(JsonElement element, int depthLeft) => element.ValueKind switch
    {
        JsonValueKind.Object or JsonValueKind.Array when depthLeft <= 0 => true,
        JsonValueKind.Object => element.EnumerateObject().Any(p => TooDeep(p.Value, depthLeft - 1)),
        JsonValueKind.Array => element.EnumerateArray().Any(v => TooDeep(v, depthLeft - 1)),
        _ => false,
    };

    private static JsonNode? ToNode(object? value, int depthLeft)
    {
        if (depthLeft < 0) throw new JsonException("The value is nested too deeply.");
        return value switch
        {
            null => null,
            string s => JsonValue.Create(s),
            bool b => JsonValue.Create(b),
            byte or sbyte or short or ushort or int or uint or long => JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
            ulong u => JsonValue.Create(u),
            float or double or decimal => JsonValue.Create(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
            IDictionary<object, object?> map => ToObjectNode(map.Select(kv => (kv.Key as string, kv.Value)), depthLeft),
            IDictionary<string, object?> map => ToObjectNode(map.Select(kv => ((string?)kv.Key, kv.Value)), depthLeft),
            System.Collections.IEnumerable list => new JsonArray(list.Cast<object?>().Select(v => ToNode(v, depthLeft - 1)).ToArray()),
            _ => throw new JsonException($"Values of type {value.GetType().Name} are not JSON."),
        };
    }

    private static JsonObject ToObjectNode(IEnumerable<(string? Key, object? Value)> entries, int depthLeft)
    {
        var node = new JsonObject();
        foreach (var (key, value) in entries)
        {
            if (key is null) throw new JsonException("Object keys must be strings.");
            node[key] = ToNode(value, depthLeft - 1);
        }
        return node;
    }
}
