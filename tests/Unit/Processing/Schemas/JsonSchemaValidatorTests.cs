using System.Text.Json;
using Conflicto.Processing.Schemas;

namespace Conflicto.Tests.Unit.Processing.Schemas;

/// <summary>Schema violations read as one short sentence naming the field, in the schema's own limits.</summary>
public class JsonSchemaValidatorTests
{
    private const string Schema = """
        {
          "type": "object",
          "required": ["name"],
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 5 },
            "code": { "type": "string", "minLength": 3, "pattern": "^[A-Z]+$" },
            "count": { "type": "integer", "minimum": 1, "maximum": 10 },
            "ratio": { "type": "number", "exclusiveMinimum": 0, "multipleOf": 0.5 },
            "on": { "type": "boolean" },
            "tags": { "type": "array", "minItems": 2, "maxItems": 3, "uniqueItems": true, "items": { "type": "string" } },
            "one": { "type": "array", "minItems": 1 },
            "card": { "type": ["string", "number"] },
            "color": { "enum": ["red", "green"] },
            "nested": { "type": "object", "properties": { "deep": { "type": "integer" } }, "additionalProperties": false }
          }
        }
        """;

    [Theory]
    [InlineData("{}", "name is required")]
    [InlineData("""{"name": 5}""", "name must be a string")]
    [InlineData("""{"name": ""}""", "name must not be empty")]
    [InlineData("""{"name": "toolong"}""", "name must be at most 5 characters")]
    [InlineData("""{"name": "a", "code": "AB"}""", "code must be at least 3 characters")]
    [InlineData("""{"name": "a", "code": "abc"}""", "code is not in the expected format")]
    [InlineData("""{"name": "a", "count": 1.5}""", "count must be an integer")]
    [InlineData("""{"name": "a", "count": 0}""", "count must be at least 1")]
    [InlineData("""{"name": "a", "count": 11}""", "count must be at most 10")]
    [InlineData("""{"name": "a", "ratio": 0}""", "ratio must be more than 0")]
    [InlineData("""{"name": "a", "ratio": 0.7}""", "ratio must be a multiple of 0.5")]
    [InlineData("""{"name": "a", "ratio": "x"}""", "ratio must be a number")]
    [InlineData("""{"name": "a", "on": "yes"}""", "on must be true or false")]
    [InlineData("""{"name": "a", "tags": "a,b"}""", "tags must be an array")]
    [InlineData("""{"name": "a", "tags": ["a"]}""", "tags must have at least 2 items")]
    [InlineData("""{"name": "a", "tags": ["a", "b", "c", "d"]}""", "tags must have at most 3 items")]
    [InlineData("""{"name": "a", "tags": ["a", "a"]}""", "tags must not contain the same item twice")]
    [InlineData("""{"name": "a", "tags": ["a", 2]}""", "tags[1] must be a string")]
    [InlineData("""{"name": "a", "one": []}""", "one must have at least 1 item")]
    [InlineData("""{"name": "a", "card": true}""", "card must be a number or a string")]
    [InlineData("""{"name": "a", "color": "blue"}""", "color must be one of: red, green")]
    [InlineData("""{"name": "a", "nested": {"deep": "x"}}""", "nested.deep must be an integer")]
    [InlineData("""{"name": "a", "nested": {"other": 1}}""", "nested.other is not an allowed field")]
    [InlineData("""{"name": "a", "tags": 9223372036854775808}""", "tags is out of range")] // beyond 64 bits: NJsonSchema would throw
    [InlineData("""{"name": "a", "nested": {"deep": -99999999999999999999}}""", "nested.deep is out of range")]
    public void Validate_Violation_IsOneReadableSentence(string document, string expected)
    {
        var errors = JsonSchemaValidator.Validate(Schema, JsonDocument.Parse(document).RootElement);

        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void Validate_DocumentOfTheWrongType_NamesTheDocument()
    {
        var errors = JsonSchemaValidator.Validate(Schema, JsonDocument.Parse("[1]").RootElement);

        Assert.Contains("the document must be an object", errors);
    }

    [Fact]
    public void Validate_ValidDocument_HasNoErrors()
    {
        Assert.Empty(JsonSchemaValidator.Validate(Schema, JsonDocument.Parse("""{"name": "ok", "count": 3, "tags": ["a", "b"], "card": 5}""").RootElement));
    }
}
