using System.Text.Json;
using Conflicto.Processing.OpenAI;

namespace Conflicto.Tests.Unit.Processing.OpenAI;

/// <summary>
/// OpenAI rejects a strict json_schema unless every object lists all its properties as required and
/// forbids others; the fake server does not check that, so these tests do.
/// </summary>
public class OpenAIStrictSchemaTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SentSchemas_FollowStrictModeRules()
    {
        var options = _server.Options();
        // Both calls fail on the fallback 500; only the requests matter here.
        await Assert.ThrowsAnyAsync<Exception>(() => new OpenAIActivityAnalyzer(options).AnalyzeAsync(new("x", "t", JsonDocument.Parse("{}").RootElement), default));
        await Assert.ThrowsAnyAsync<Exception>(() => new OpenAIResponseEnricher(options).EnrichAsync(new("qa", "hi"), default));

        Assert.Equal(2, _server.Requests.Count);
        foreach (var request in _server.Requests)
        {
            var schema = request.Body.GetProperty("response_format").GetProperty("json_schema").GetProperty("schema");
            var problems = new List<string>();
            Check(schema, "#", problems);
            Assert.True(problems.Count == 0, string.Join("; ", problems));
        }
    }

    private static void Check(JsonElement schema, string path, List<string> problems)
    {
        if (schema.TryGetProperty("properties", out var properties))
        {
            var names = properties.EnumerateObject().Select(p => p.Name).Order().ToList();
            var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).Order().ToList() : [];
            if (!names.SequenceEqual(required)) problems.Add($"{path}: required must list every property");
            if (!schema.TryGetProperty("additionalProperties", out var extra) || extra.ValueKind != JsonValueKind.False)
                problems.Add($"{path}: additionalProperties must be false");
            foreach (var property in properties.EnumerateObject()) Check(property.Value, $"{path}/{property.Name}", problems);
        }
        if (schema.TryGetProperty("items", out var items)) Check(items, $"{path}/items", problems);
    }
}
