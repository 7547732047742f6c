using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Processing.Analysis;
using Conflicto.Processing.Enrichment;
using Conflicto.Processing.OpenAI;

namespace Conflicto.Tests.Unit.Processing.OpenAI;

public class OpenAIResponseEnricherTests : IAsyncLifetime
{
    private static readonly EnrichmentInput Question = new("qa", "  when do we   ship the new app?? ");

    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private OpenAIResponseEnricher Enricher() => new(_server.Options());

    private static JsonObject Answer() => ModelAnswers.Enrichment();

    private static FakeReply Reply(JsonObject answer) => ModelAnswers.Reply(answer);

    [Fact]
    public async Task EnrichAsync_ValidAnswer_MapsItAndSendsAStrictJsonSchemaRequest()
    {
        _server.Enqueue(Reply(Answer()));

        var enrichment = await Enricher().EnrichAsync(Question, CancellationToken.None);

        Assert.Equal("When do we ship the new app?", enrichment.NormalizedText);
        Assert.Equal("en", enrichment.Language);
        Assert.Equal("neutral", enrichment.Sentiment);
        Assert.Equal(0.1, enrichment.SentimentScore);
        Assert.Equal(["release", "app"], enrichment.Topics);
        Assert.Equal(ModerationVerdict.Approved, enrichment.Moderation);
        Assert.Equal("openai:test-model", enrichment.Enricher);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer test-key", request.Authorization);
        Assert.Equal("test-model", request.Body.GetProperty("model").GetString());
        var format = request.Body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("enrichment", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        var user = request.Body.GetProperty("messages")[1].GetProperty("content").GetString()!;
        Assert.Equal(Question.Text, JsonDocument.Parse(user).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task EnrichAsync_FlagWithReason_IsAFlaggedVerdict()
    {
        var answer = Answer();
        answer["language"] = "DE";
        answer["sentiment"] = "negative";
        answer["sentiment_score"] = -0.9;
        answer["moderation"] = new JsonObject { ["verdict"] = "flag", ["reason"] = "insults another participant" };
        _server.Enqueue(Reply(answer));

        var enrichment = await Enricher().EnrichAsync(Question, CancellationToken.None);

        Assert.Equal(ModerationVerdict.Flagged("insults another participant"), enrichment.Moderation);
        Assert.Equal("de", enrichment.Language);
        Assert.Equal(-0.9, enrichment.SentimentScore);
    }

    [Fact]
    public async Task EnrichAsync_UndeterminedLanguageAndApprovalWithReason_AreAccepted()
    {
        var answer = Answer();
        answer["language"] = "und";
        answer["topics"] = new JsonArray();
        answer["moderation"] = new JsonObject { ["verdict"] = "approve", ["reason"] = "harmless" };
        _server.Enqueue(Reply(answer));

        var enrichment = await Enricher().EnrichAsync(Question, CancellationToken.None);

        Assert.Equal("und", enrichment.Language);
        Assert.Empty(enrichment.Topics);
        Assert.Equal(ModerationVerdict.Approved, enrichment.Moderation);
    }

    [Theory]
    [InlineData("{\"normalized_text\": ")]
    [InlineData("normalized_text: hello")]
    public async Task EnrichAsync_MalformedContent_ThrowsAnalyzerOutputException(string content)
    {
        _server.Enqueue(FakeReply.Completion(content));

        var error = await Assert.ThrowsAsync<AnalyzerOutputException>(() => Enricher().EnrichAsync(Question, CancellationToken.None));

        Assert.Contains("not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("moderation.verdict", "\"maybe\"", "moderation.verdict: 'maybe' is not one of approve, flag")]
    [InlineData("moderation.reason", "null", "moderation.reason: a flag needs a reason", "flag")]
    [InlineData("moderation.reason", "\"  \"", "moderation.reason: a flag needs a reason", "flag")]
    [InlineData("moderation", "null", "moderation: is required")]
    [InlineData("sentiment_score", "1.5", "sentiment_score: 1.5 is outside [-1, 1]")]
    [InlineData("sentiment_score", "-1.01", "sentiment_score: -1.01 is outside [-1, 1]")]
    [InlineData("sentiment_score", "\"0.5\"", "sentiment_score: must be a number, got string")]
    [InlineData("sentiment_score", "1e400", "sentiment_score: 1e400 is out of range")]
    [InlineData("sentiment", "\"happy\"", "sentiment: 'happy' is not one of")]
    [InlineData("sentiment", "\"positive\"", "sentiment_score: -0.5 contradicts sentiment positive", null, -0.5)]
    [InlineData("language", "\"english\"", "language: 'english' is not an ISO 639-1 code")]
    [InlineData("language", "\"e\"", "language: 'e' is not an ISO 639-1 code")]
    [InlineData("language", "null", "language: is required")]
    [InlineData("normalized_text", "\"   \"", "normalized_text: must not be empty")]
    [InlineData("topics", "[\"ok\", \"\"]", "topics[1]: must be a non-empty string")]
    [InlineData("topics", "\"release\"", "topics: must be an array, got string")]
    public async Task EnrichAsync_InvalidAnswer_ThrowsAnalyzerOutputExceptionNamingTheProblem(
        string path, string valueJson, string expected, string? verdict = null, double? score = null)
    {
        var answer = Answer();
        if (verdict is not null) answer["moderation"]!["verdict"] = verdict;
        if (score is not null) answer["sentiment_score"] = score;
        _server.Enqueue(Reply(answer.With(path, valueJson)));

        var error = await Assert.ThrowsAsync<AnalyzerOutputException>(() => Enricher().EnrichAsync(Question, CancellationToken.None));

        Assert.Contains(expected, error.Message);
    }
}
