using System.Collections.Concurrent;
using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Conflicto.Processing.Schemas;

/// <summary>
/// Validates JSON documents against JSON Schema (draft-07) with NJsonSchema. Parsed schemas are
/// cached by their text, so a schema used for every response is parsed once.
/// </summary>
public static class JsonSchemaValidator
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Cache = new();

    /// <summary>
    /// Errors a person can act on (<c>options must have at least 2 items</c>), each starting with
    /// the field it is about; empty when the document is valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(string schemaJson, JsonElement document)
    {
        var schema = Cache.GetOrAdd(schemaJson, text => new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult())).Value;
        return schema.Validate(document.GetRawText()).SelectMany(Flatten).Select(SchemaErrorText.Describe).Distinct().ToList();
    }

    private static IEnumerable<ValidationError> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Count > 0
            ? child.Errors.SelectMany(e => e.Value).SelectMany(Flatten)
            : [error];
}
