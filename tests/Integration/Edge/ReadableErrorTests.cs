using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Edge;

/// <summary>422 texts name the field and what it must be, without .NET type names or JSON-schema validator words.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReadableErrorTests(ConflictoApiFactory factory)
{
    /// <summary>Words that only make sense to someone who knows the framework or the validator.</summary>
    private static readonly string[] Jargon = ["System.", "Conflicto.", "Nullable", "Int32", "LineNumber", "BytePosition", "$.", "#/", "expected", "too small", "too few", "property required", "no type validates", "Failed to bind"];

    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData("""{"title":"Class","max_participants":"many"}""", "max_participants", "max_participants must be an integer")]
    [InlineData("""{"title":"Class","max_participants":2.5}""", "max_participants", "max_participants must be an integer")]
    [InlineData("""{"title":42}""", "title", "title must be a string")]
    [InlineData("""{"title":"Class","description":["a"]}""", "description", "description must be a string")]
    public async Task MistypedBodyField_Is422_NamingTheFieldAndItsType(string body, string field, string message)
    {
        var response = await _api.Client.PostAsync("/api/v1/sessions/", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await AssertReadable422Async(response);
        Assert.Equal(message, problem["detail"]!.GetValue<string>());
        Assert.Equal(message, Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task MalformedJson_Is422_SayingWhere()
    {
        var response = await _api.Client.PostAsync("/api/v1/sessions/", new StringContent("""{"title": """, Encoding.UTF8, "application/json"));

        var problem = await AssertReadable422Async(response);
        Assert.StartsWith("The request body is not valid JSON (line 1", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingBody_Is422_AskingForOne()
    {
        var response = await _api.Client.PostAsync("/api/v1/sessions/", new StringContent("", Encoding.UTF8, "application/json"));

        var problem = await AssertReadable422Async(response);
        Assert.Equal("A JSON request body is required.", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/v1/sessions/abc", "sessionId", "sessionId must be an integer, not \"abc\"")]
    [InlineData("/api/v1/sessions/?limit=ten", "limit", "limit must be an integer, not \"ten\"")]
    [InlineData("/api/v1/activities/not-a-uuid", "activityId", "activityId must be a UUID, not \"not-a-uuid\"")]
    public async Task UnparsableRouteOrQueryValue_Is422_NamingIt(string url, string field, string message)
    {
        var problem = await AssertReadable422Async(await _api.Client.GetAsync(url));

        Assert.Equal(message, Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidKnownTypeConfiguration_Is422_WithOneShortSentencePerField()
    {
        var session = await _api.CreateSessionAsync();
        var configuration = new { question = 5, options = new[] { "only" }, allow_multiple = "yes", time_limit_seconds = 0 };

        var response = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/framework",
            new { activity_type = "poll", title = "Lunch", configuration }, adminCode: session.AdminCode);

        var problem = await AssertReadable422Async(response);
        var errors = problem["errors"]!["configuration"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains("question must be a string", errors);
        Assert.Contains("options must have at least 2 items", errors);
        Assert.Contains("allow_multiple must be true or false", errors);
        Assert.Contains("time_limit_seconds must be at least 1", errors);
        Assert.Equal(0, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}"))["activity_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ValidateEndpoint_ListsReadableErrors()
    {
        var body = await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, "/api/v1/activities/validate",
            new { activity_type = "planning_poker", configuration = new { story = "", card_values = new object[] { true, "1" } } }), HttpStatusCode.OK);

        var errors = body["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains("story must not be empty", errors);
        Assert.Contains("card_values[0] must be a number or a string", errors);
        AssertNoJargon(body.ToJsonString());
    }

    private static async Task<JsonNode> AssertReadable422Async(HttpResponseMessage response)
    {
        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        AssertNoJargon(problem["detail"]!.GetValue<string>());
        AssertNoJargon(problem["errors"]?.ToJsonString() ?? "");
        return problem;
    }

    private static void AssertNoJargon(string text) =>
        Assert.All(Jargon, word => Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase));
}
