using System.Text.Json;
using Conflicto.Processing.Analysis;
using Conflicto.Processing.OpenAI;

namespace Conflicto.Tests.Unit.Processing.OpenAI;

/// <summary>The response schema a model writes must be one the server can validate responses with.</summary>
public class ResponseSchemaCheckTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<SchemaRender> Analyze() =>
        new OpenAIActivityAnalyzer(_server.Options()).AnalyzeAsync(new("poll", "Lunch", JsonDocument.Parse("{}").RootElement), CancellationToken.None);

    [Theory]
    [InlineData("{not json", "is not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON Schema object, got array")]
    [InlineData("""{"type": "string"}""", "the schema's root must have \"type\": \"object\"")]
    [InlineData("""{"properties": {"a": {"type": "string"}}}""", "the schema's root must have \"type\": \"object\"")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "bogus"}}}""", "is not a valid JSON Schema (draft-07)")]
    [InlineData("""{"type": "object", "required": "a"}""", "is not a valid JSON Schema (draft-07)")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string", "minLength": -1}}}""", "is not a valid JSON Schema (draft-07)")]
    [InlineData("""{"type": "object", "properties": "a"}""", "is not a valid JSON Schema (draft-07)")]
    [InlineData("""{"type": "object", "properties": {"a": {"$ref": "http://evil.example/s.json"}}}""", "only local references (#/...) are allowed")]
    [InlineData("""{"type": "object", "properties": {"a": {"$ref": "#/definitions/missing"}}}""", "is not a valid JSON Schema")]
    [InlineData("""{"type": "object", "properties": {"a": {"type": "string", "pattern": "(["}}}""", "is not a valid regular expression")]
    [InlineData("""{"type": "object", "patternProperties": {"([": {"type": "string"}}}""", "is not a valid regular expression")]
    public async Task AnalyzeAsync_UnusableResponseSchema_ThrowsAnalyzerOutputException(string schema, string expected)
    {
        var answer = ModelAnswers.PollRender();
        answer["response_schema_json"] = schema;
        _server.Enqueue(ModelAnswers.Reply(answer));

        var error = await Assert.ThrowsAsync<AnalyzerOutputException>(() => Analyze());

        Assert.Contains("response_schema_json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task AnalyzeAsync_ResponseSchemaWithLocalRefsAndPatterns_IsKept()
    {
        var answer = ModelAnswers.PollRender();
        answer["response_schema_json"] = """
            {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["word"],
             "definitions": {"word": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 25}},
             "properties": {"word": {"$ref": "#/definitions/word"}, "tags": {"type": ["array", "null"], "items": {"type": "string"}}}}
            """;
        _server.Enqueue(ModelAnswers.Reply(answer));

        var render = await Analyze();

        Assert.Equal("#/definitions/word", render.ResponseSchema.GetProperty("properties").GetProperty("word").GetProperty("$ref").GetString());
    }
}
