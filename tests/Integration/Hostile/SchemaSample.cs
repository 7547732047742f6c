using System.Text.Json.Nodes;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// A plausible value for a JSON schema of the served OpenAPI document (every property filled,
/// <c>$ref</c>s followed), the well-formed starting point that hostile bodies are made from, so a
/// route added later gets bodies of its own shape without anyone writing them.
/// </summary>
public sealed class SchemaSample(JsonObject root)
{
    public JsonNode? Build(JsonNode? schema, Random random, int depth = 0)
    {
        if (schema is not JsonObject s || depth > 6) return null;
        if (s["$ref"]?.GetValue<string>() is { } reference)
            return Build(root["components"]?["schemas"]?[reference.Split('/')[^1]], random, depth + 1);
        foreach (var alternatives in new[] { "oneOf", "anyOf" })
            if (s[alternatives] is JsonArray options && options.Count > 0)
            {
                var real = options.Where(o => o?["type"]?.ToString() != "null").ToList();
                return Build(real.Count > 0 ? real[random.Next(real.Count)] : options[0], random, depth + 1);
            }
        if (s["allOf"] is JsonArray all && all.Count > 0) return Build(all[0], random, depth + 1);
        if (s["enum"] is JsonArray values && values.Count > 0) return values[random.Next(values.Count)]?.DeepClone();
        if (s["default"] is { } fallback && random.Next(2) == 0) return fallback.DeepClone();

        return TypeOf(s) switch
        {
            "object" => Object(s, random, depth),
            "array" => new JsonArray(Build(s["items"], random, depth + 1), Build(s["items"], random, depth + 1)),
            "integer" => JsonValue.Create(random.Next(0, 3)),
            "number" => JsonValue.Create(random.Next(0, 3) + 0.5),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "string" => JsonValue.Create(s["format"]?.GetValue<string>() switch
            {
                "uuid" => Guid.Empty.ToString(),
                "date-time" => "2026-12-02T16:00:00Z",
                _ => "sample",
            }),
            _ => s["properties"] is not null ? Object(s, random, depth) : null,
        };
    }

    private JsonObject Object(JsonObject s, Random random, int depth)
    {
        var result = new JsonObject();
        if (s["properties"] is JsonObject properties)
            foreach (var (name, property) in properties)
                result[name] = Build(property, random, depth + 1);
        return result;
    }

    /// <summary>The schema's type; of several (<c>["null","integer","string"]</c>), the first that is not null or string, else string.</summary>
    private static string? TypeOf(JsonObject s) => s["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray a => a.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t is not ("null" or "string"))
            ?? a.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => null,
    };
}
