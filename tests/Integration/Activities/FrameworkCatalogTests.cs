using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Activities;

/// <summary>The framework's type catalog: types, their schemas, and configuration validation.</summary>
[Collection(ApiCollection.Name)]
public sealed class FrameworkCatalogTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ListTypes_ReturnsTheNineKnownTypes()
    {
        var body = await _api.GetJsonAsync("/api/v1/activities/types");

        var types = body["activity_types"]!.AsArray();
        Assert.Equal(["numeric", "open_text", "planning_poker", "poll", "qa", "qna", "quiz", "ranking", "scale", "word_cloud"], types.Select(t => t!["id"]!.GetValue<string>()).Order().ToArray());
        Assert.All(types, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t!["name"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(t["description"]!.GetValue<string>()));
            Assert.Matches(@"^\d+\.\d+\.\d+$", t["version"]!.GetValue<string>());
        });
    }

    [Theory]
    [InlineData("poll", "options")]
    [InlineData("word_cloud", "prompt")]
    [InlineData("planning_poker", "story")]
    public async Task GetSchema_OfKnownType_IsAJsonSchemaRequiringItsMainField(string type, string required)
    {
        var body = await _api.GetJsonAsync($"/api/v1/activities/types/{type}/schema");

        Assert.Equal(type, body["activity_type"]!.GetValue<string>());
        Assert.Equal("object", body["schema"]!["type"]!.GetValue<string>());
        Assert.Contains(required, body["schema"]!["required"].Strings());
    }

    [Fact]
    public async Task GetSchema_OfUnknownType_Is404()
    {
        var problem = await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/activities/types/bingo/schema"), HttpStatusCode.NotFound);

        Assert.Contains("poll", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validate_ValidPoll_IsValidWithoutErrors()
    {
        var body = await ValidateAsync(new { activity_type = "poll", configuration = ActivityTestApi.Poll("A", "B") });

        Assert.True(body["valid"]!.GetValue<bool>());
        Assert.Empty(body["errors"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"question":"Q","options":["A"]}""")]
    [InlineData("""{"question":"Q","options":["A","a"]}""")]
    [InlineData("""{"question":"Q"}""")]
    [InlineData("""{"question":"Q","options":["A","B"],"time_limit_seconds":0}""")]
    public async Task Validate_InvalidPoll_IsInvalidWithErrors(string configuration)
    {
        var body = await ValidateAsync(new { activity_type = "poll", configuration = JsonNode.Parse(configuration) });

        Assert.False(body["valid"]!.GetValue<bool>());
        Assert.NotEmpty(body["errors"]!.AsArray());
    }

    [Fact]
    public async Task Validate_UnknownType_IsValidWithAWarning()
    {
        var body = await ValidateAsync(new { activity_type = "bingo", configuration = new { grid = 5 } });

        Assert.True(body["valid"]!.GetValue<bool>());
        Assert.Empty(body["errors"]!.AsArray());
        Assert.Contains("bingo", Assert.Single(body["warnings"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task Validate_PlanningPokerWithoutDeck_WarnsAboutTheDefaultDeck()
    {
        var body = await ValidateAsync(new { activity_type = "planning_poker", configuration = new { story = "Login page" } });

        Assert.True(body["valid"]!.GetValue<bool>());
        Assert.Contains("card_values", Assert.Single(body["warnings"]!.AsArray())!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"activity_type":"poll"}""", "configuration")]
    [InlineData("""{"configuration":{}}""", "activity_type")]
    public async Task Validate_WithoutTypeOrConfiguration_Is422(string json, string field)
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/api/v1/activities/validate", JsonNode.Parse(json));

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Validate_ConfigurationNotAnObject_IsInvalid()
    {
        var body = await ValidateAsync(new { activity_type = "poll", configuration = new[] { 1, 2 } });

        Assert.False(body["valid"]!.GetValue<bool>());
    }

    private async Task<JsonNode> ValidateAsync(object body) =>
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, "/api/v1/activities/validate", body), HttpStatusCode.OK);
}
