using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Processing.Analysis;
using Conflicto.Processing.OpenAI;

namespace Conflicto.Tests.Unit.Processing.OpenAI;

public class OpenAIActivityAnalyzerTests : IAsyncLifetime
{
    private static readonly ActivityAnalysisInput Poll = new("poll", "Lunch", JsonDocument.Parse("""{"question": "Lunch?", "options": ["Pizza", "Sushi"]}""").RootElement);

    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private OpenAIActivityAnalyzer Analyzer(int maxRetries = 0, int timeoutSeconds = 30) => new(_server.Options(maxRetries, timeoutSeconds));

    private static JsonObject PollAnswer() => ModelAnswers.PollRender();

    private static FakeReply Reply(JsonObject answer) => ModelAnswers.Reply(answer);

    [Fact]
    public async Task AnalyzeAsync_ValidAnswer_MapsItAndSendsAStrictJsonSchemaRequest()
    {
        _server.Enqueue(Reply(PollAnswer()));

        var render = await Analyzer().AnalyzeAsync(Poll, CancellationToken.None);

        Assert.Equal("openai:test-model", render.Analyzer);
        Assert.Equal("single_choice", render.Participant.Widget);
        Assert.Equal(["Pizza", "Sushi"], render.Participant.Options);
        Assert.Null(render.Participant.Fields);
        Assert.Equal(new ViewerRender("bar_chart", "Lunch?", "option_index"), render.Viewer);
        Assert.Equal("object", render.ResponseSchema.GetProperty("type").GetString());

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer test-key", request.Authorization);
        Assert.Equal("test-model", request.Body.GetProperty("model").GetString());
        var format = request.Body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("schema_render", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Equal("object", format.GetProperty("json_schema").GetProperty("schema").GetProperty("type").GetString());
        var messages = request.Body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        var user = JsonDocument.Parse(messages[1].GetProperty("content").GetString()!).RootElement;
        Assert.Equal("poll", user.GetProperty("activity_type").GetString());
        Assert.Equal("Lunch", user.GetProperty("title").GetString());
        Assert.Equal("Pizza", user.GetProperty("configuration").GetProperty("options")[0].GetString());
    }

    [Fact]
    public async Task AnalyzeAsync_FormAnswer_MapsFields()
    {
        var answer = PollAnswer();
        answer["participant"]!["widget"] = "form";
        answer["participant"]!["options"] = null;
        answer["participant"]!["fields"] = new JsonArray(
            new JsonObject { ["name"] = "rating", ["widget"] = "number", ["label"] = "Rating", ["required"] = true, ["options"] = null, ["max_length"] = null, ["min"] = 1, ["max"] = 5 },
            new JsonObject { ["name"] = "ok", ["widget"] = "toggle", ["label"] = null, ["required"] = false, ["options"] = null, ["max_length"] = null, ["min"] = null, ["max"] = null });
        answer["viewer"]!["chart"] = "table";
        _server.Enqueue(Reply(answer));

        var render = await Analyzer().AnalyzeAsync(Poll, CancellationToken.None);

        Assert.Equal("form", render.Participant.Widget);
        Assert.Equal([new FieldRender("rating", "number", "Rating", true, null, null, 1, 5), new FieldRender("ok", "toggle")], render.Participant.Fields!);
        Assert.Equal("table", render.Viewer.Chart);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("""{"participant": {"widget": "single_choice" """, "not valid JSON")]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("", "empty")]
    public async Task AnalyzeAsync_MalformedContent_ThrowsAnalyzerOutputException(string content, string expected)
    {
        _server.Enqueue(FakeReply.Completion(content));

        var error = await Assert.ThrowsAsync<AnalyzerOutputException>(() => Analyzer().AnalyzeAsync(Poll, CancellationToken.None));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("participant.widget", "\"slider\"", "participant.widget: 'slider' is not one of")]
    [InlineData("participant.widget", "null", "participant.widget: is required")]
    [InlineData("participant.options", "null", "single_choice widget needs at least one option")]
    [InlineData("participant.options", "[\"Pizza\", 3]", "participant.options[1]: must be a non-empty string")]
    [InlineData("participant.step", "0", "participant.step: must be positive")]
    [InlineData("participant.max_selections", "0", "participant.max_selections: must be an integer of at least 1")]
    [InlineData("participant.max_length", "2.5", "participant.max_length: must be an integer")]
    [InlineData("participant.step", "\"1\"", "participant.step: must be a number, got string")]
    [InlineData("viewer.chart", "\"pie_chart\"", "viewer.chart: 'pie_chart' is not one of")]
    [InlineData("viewer", "null", "viewer: is required")]
    [InlineData("participant", "[]", "participant: must be an object, got array")]
    [InlineData("response_schema_json", "null", "response_schema_json: is required")]
    [InlineData("response_schema_json", "{\"type\": \"object\"}", "response_schema_json: must be a string, got object")]
    public async Task AnalyzeAsync_InvalidAnswer_ThrowsAnalyzerOutputExceptionNamingTheProblem(string path, string valueJson, string expected)
    {
        _server.Enqueue(Reply(PollAnswer().With(path, valueJson)));

        var error = await Assert.ThrowsAsync<AnalyzerOutputException>(() => Analyzer().AnalyzeAsync(Poll, CancellationToken.None));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task AnalyzeAsync_ScaleWithoutBoundsOrReversed_ThrowsAnalyzerOutputException()
    {
        var reversed = PollAnswer();
        reversed["participant"]!["widget"] = "scale";
        reversed["participant"]!["min"] = 10;
        reversed["participant"]!["max"] = 1;
        var unbounded = PollAnswer();
        unbounded["participant"]!["widget"] = "scale";
        unbounded["participant"]!["min"] = 1;
        _server.Enqueue(Reply(reversed), Reply(unbounded));

        var first = await Assert.ThrowsAsync<AnalyzerOutputException>(() => Analyzer().AnalyzeAsync(Poll, CancellationToken.None));
        var second = await Assert.ThrowsAsync<AnalyzerOutputException>(() => Analyzer().AnalyzeAsync(Poll, CancellationToken.None));

        Assert.Contains("participant.min: 10 is more than max 1", first.Message);
        Assert.Contains("participant: a scale widget needs min and max", second.Message);
    }

    [Fact]
    public async Task AnalyzeAsync_FormWithDuplicateAndUnknownFields_ReportsEveryProblem()
    {
        var answer = PollAnswer();
        answer["participant"]!["widget"] = "form";
        answer["participant"]!["fields"] = new JsonArray(
            new JsonObject { ["name"] = "a", ["widget"] = "number", ["required"] = true },
            new JsonObject { ["name"] = "a", ["widget"] = "form", ["required"] = true },
            new JsonObject { ["name"] = "b", ["widget"] = "single_choice", ["required"] = false });
        _server.Enqueue(Reply(answer));

        var error = await Assert.ThrowsAsync<AnalyzerOutputException>(() => Analyzer().AnalyzeAsync(Poll, CancellationToken.None));

        Assert.Contains("participant.fields[1].name: 'a' is used by an earlier field", error.Message);
        Assert.Contains("participant.fields[1].widget: 'form' is not one of", error.Message);
        Assert.Contains("participant.fields[2].options: a single_choice field needs at least one option", error.Message);
    }

    [Theory]
    [InlineData("length", null, "cut off")]
    [InlineData("content_filter", null, "content filter")]
    [InlineData("stop", "I cannot help with that.", "refused")]
    public async Task AnalyzeAsync_TruncatedFilteredOrRefused_ThrowsAnalyzerOutputException(string finishReason, string? refusal, string expected)
    {
        _server.Enqueue(FakeReply.Completion(PollAnswer().ToJsonString(), finishReason, refusal));

        var error = await Assert.ThrowsAsync<AnalyzerOutputException>(() => Analyzer().AnalyzeAsync(Poll, CancellationToken.None));

        Assert.Contains(expected, error.Message);
    }
}
