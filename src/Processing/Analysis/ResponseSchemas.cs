using System.Text.Json.Nodes;

namespace Conflicto.Processing.Analysis;

/// <summary>
/// Building blocks of response schemas (JSON Schema draft-07). Only keywords the server's validator
/// (NJsonSchema) enforces are used: no <c>const</c>, <c>contains</c> or <c>if</c>/<c>then</c>, and
/// never <c>maxItems: 0</c> (it reads as "no limit"). Its <c>enum</c> compares values as text,
/// so every <c>enum</c> sits beside a <c>type</c>.
/// </summary>
internal static class ResponseSchemas
{
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    /// <summary>A response object; <paramref name="shapes"/> are its accepted alternatives (none: nothing is accepted).</summary>
    public static JsonObject Root(string description, IReadOnlyList<JsonObject>? shapes = null)
    {
        var root = new JsonObject { ["$schema"] = Draft07, ["description"] = description, ["type"] = "object" };
        if (shapes is null) return root;
        if (shapes.Count == 0) root["not"] = new JsonObject();
        else root["anyOf"] = new JsonArray([.. shapes]);
        return root;
    }

    /// <summary>
    /// One accepted shape: <paramref name="field"/> is present and valid. <paramref name="unless"/>
    /// lists fields that, when present, decide the response first (so they must not look like
    /// their own shape for this one to apply): how the response rules read fields in order.
    /// </summary>
    public static JsonObject Shape(string field, JsonObject schema, params (string Field, JsonObject Schema)[] unless)
    {
        var properties = new JsonObject();
        foreach (var (name, notThis) in unless) properties[name] = notThis;
        properties[field] = schema;
        return new JsonObject { ["required"] = new JsonArray(field), ["properties"] = properties };
    }

    /// <summary>What <c>JsonElement.TryGetInt32</c> accepts: an integer in the Int32 range.</summary>
    public static JsonObject Int32() => Integer(int.MinValue, int.MaxValue);

    public static JsonObject Integer(long minimum, long maximum) =>
        new() { ["type"] = "integer", ["minimum"] = minimum, ["maximum"] = maximum };

    public static JsonObject Not(JsonObject schema) => new() { ["not"] = schema };

    public static JsonObject OfType(string type) => new() { ["type"] = type };

    public static JsonObject StringSchema(string? pattern = null, int? maxLength = null, string? description = null)
    {
        var schema = OfType("string");
        if (pattern is not null) schema["pattern"] = pattern;
        if (maxLength is { } max) schema["maxLength"] = max;
        if (description is not null) schema["description"] = description;
        return schema;
    }

    /// <summary>An array of unique items, between 1 and <paramref name="maxItems"/> of them.</summary>
    public static JsonObject UniqueArray(JsonObject items, int minItems, int maxItems) => new()
    {
        ["type"] = "array", ["items"] = items, ["minItems"] = Math.Max(1, minItems), ["maxItems"] = Math.Max(1, maxItems), ["uniqueItems"] = true,
    };

    public static JsonObject Enum(string type, IEnumerable<JsonNode?> values) =>
        new() { ["type"] = type, ["enum"] = new JsonArray([.. values]) };

    public static JsonObject StringEnum(IEnumerable<string> values) =>
        Enum("string", values.Distinct(StringComparer.Ordinal).Select(v => (JsonNode?)JsonValue.Create(v)));

    /// <summary>
    /// A string that trims to one of <paramref name="texts"/>: the exact texts as an <c>enum</c>
    /// (what clients offer), or the same texts with surrounding white space and, when
    /// <paramref name="ignoreCase"/>, in any case (what the server also accepts).
    /// </summary>
    public static JsonObject TextChoice(IReadOnlyList<string> texts, bool ignoreCase)
    {
        var distinct = texts.Distinct(StringComparer.Ordinal).ToList();
        return new JsonObject
        {
            ["type"] = "string",
            ["anyOf"] = new JsonArray(StringEnum(distinct), new JsonObject { ["pattern"] = SchemaPatterns.TrimmedChoice(distinct, ignoreCase) }),
        };
    }

    public static JsonObject AnyOf(IReadOnlyList<JsonObject> schemas) => schemas.Count switch
    {
        0 => Not(new JsonObject()),
        1 => schemas[0],
        _ => new JsonObject { ["anyOf"] = new JsonArray([.. schemas]) },
    };

    /// <summary>A plain object with named properties, the <paramref name="required"/> ones first.</summary>
    public static JsonObject Object(IEnumerable<(string Name, JsonObject Schema)> properties, IReadOnlyList<string> required)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties) props[name] = schema;
        var result = new JsonObject { ["type"] = "object", ["properties"] = props };
        if (required.Count > 0) result["required"] = new JsonArray([.. required.Select(r => (JsonNode?)JsonValue.Create(r))]);
        return result;
    }
}
