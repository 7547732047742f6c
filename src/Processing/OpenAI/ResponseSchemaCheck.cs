using System.Text.Json;
using System.Text.RegularExpressions;
using Conflicto.Processing.Schemas;
using NJsonSchema;

namespace Conflicto.Processing.OpenAI;

/// <summary>
/// Checks that a model-written response schema is one the server can validate <c>response_data</c>
/// with: well-formed draft-07 for an object, self-contained, with compilable patterns, loadable by NJsonSchema.
/// </summary>
internal static class ResponseSchemaCheck
{
    /// <summary>The schema as JSON, or null with the problems reported to <paramref name="reader"/>.</summary>
    public static async Task<JsonElement?> ParseAsync(AnswerReader reader, string path, string schemaText, CancellationToken ct)
    {
        JsonElement schema;
        try
        {
            using var document = JsonDocument.Parse(schemaText);
            schema = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            reader.Error(path, $"is not valid JSON: {e.Message}");
            return null;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            reader.Error(path, $"must be a JSON Schema object, got {schema.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }
        var problems = new List<string>();
        // response_data is always a JSON object; a schema for anything else would refuse every response.
        if (!schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
            problems.Add("the schema's root must have \"type\": \"object\"");
        if (JsonSchemaValidator.Validate(JsonSchemaMetaSchema.Draft07, schema) is { Count: > 0 } metaErrors)
            problems.Add($"is not a valid JSON Schema (draft-07): {string.Join(", ", metaErrors.Take(5))}");
        Walk(schema, problems);
        foreach (var problem in problems.Distinct()) reader.Error(path, problem);
        if (problems.Count > 0) return null;

        try
        {
            await JsonSchema.FromJsonAsync(schemaText, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reader.Error(path, $"is not a valid JSON Schema: {e.Message}");
            return null;
        }
        return schema;
    }

    /// <summary>What the meta-schema cannot see: references that leave the schema, and patterns .NET cannot compile.</summary>
    private static void Walk(JsonElement element, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Walk(item, problems);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            // NJsonSchema resolves a URL $ref by downloading it: a model answer must not make the server fetch anything.
            if (property.Name == "$ref" && value.ValueKind == JsonValueKind.String && !value.GetString()!.StartsWith('#'))
                problems.Add($"\"$ref\": \"{value.GetString()}\" points outside the schema; only local references (#/...) are allowed");
            // A bad pattern would otherwise throw while validating some later response, not now.
            if (property.Name == "pattern" && value.ValueKind == JsonValueKind.String && !IsRegex(value.GetString()!))
                problems.Add($"\"pattern\": \"{value.GetString()}\" is not a valid regular expression");
            if (property.Name == "patternProperties" && value.ValueKind == JsonValueKind.Object)
                problems.AddRange(value.EnumerateObject().Where(p => !IsRegex(p.Name)).Select(p => $"patternProperties key \"{p.Name}\" is not a valid regular expression"));
            Walk(value, problems);
        }
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
