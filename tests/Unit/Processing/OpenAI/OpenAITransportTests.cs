using System.ClientModel;
using System.Text.Json;
using Conflicto.Processing.Analysis;
using Conflicto.Processing.Enrichment;
using Conflicto.Processing.OpenAI;

namespace Conflicto.Tests.Unit.Processing.OpenAI;

/// <summary>
/// HTTP-level behaviour both OpenAI callers share: retries, timeouts, errors and cancellation,
/// which is what the pipeline classifies failed attempts by.
/// </summary>
public class OpenAITransportTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Callers => ["analyzer", "enricher"];

    private static FakeReply ValidReply(string caller) =>
        ModelAnswers.Reply(caller == "analyzer" ? ModelAnswers.PollRender() : ModelAnswers.Enrichment());

    private static Task<object> Call(string caller, OpenAIOptions options, CancellationToken ct = default) => caller == "analyzer"
        ? Box(new OpenAIActivityAnalyzer(options).AnalyzeAsync(new("word_cloud", "Words", JsonDocument.Parse("""{"prompt": "One word"}""").RootElement), ct))
        : Box(new OpenAIResponseEnricher(options).EnrichAsync(new("word_cloud", "hello"), ct));

    private static async Task<object> Box<T>(Task<T> task) where T : notnull => await task;

    [Theory, MemberData(nameof(Callers))]
    public async Task Call_Http429ThenSuccess_SucceedsAfterOneRetry(string caller)
    {
        _server.Enqueue(FakeReply.Error(429, "Rate limit reached"), ValidReply(caller));

        var result = await Call(caller, _server.Options(maxRetries: 3));

        Assert.IsType(caller == "analyzer" ? typeof(SchemaRender) : typeof(Conflicto.Processing.Enrichment.Enrichment), result);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory, MemberData(nameof(Callers))]
    public async Task Call_ServerSlowerThanTimeout_ThrowsTaskCanceledException(string caller)
    {
        _server.Enqueue(ValidReply(caller).After(TimeSpan.FromSeconds(30)));

        // The SDK's NetworkTimeout surfaces as a TaskCanceledException whose token is not the caller's.
        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => Call(caller, _server.Options(maxRetries: 0, timeoutSeconds: 1)));

        Assert.Contains("exceeded the configured timeout", error.Message);
        Assert.NotEqual(CancellationToken.None, error.CancellationToken); // the SDK's own token, not the caller's
        Assert.Single(_server.Requests);
    }

    [Theory, MemberData(nameof(Callers))]
    public async Task Call_TimeoutThenSuccess_SucceedsOnTheRetry(string caller)
    {
        _server.Enqueue(ValidReply(caller).After(TimeSpan.FromSeconds(30)), ValidReply(caller));

        await Call(caller, _server.Options(maxRetries: 1, timeoutSeconds: 1));

        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory, MemberData(nameof(Callers))]
    public async Task Call_Http500Persistent_ThrowsClientResultExceptionAfterEveryRetry(string caller)
    {
        _server.Fallback = FakeReply.Error(500, "The server had an error");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Call(caller, _server.Options(maxRetries: 2)));

        Assert.Equal(500, error.Status);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Theory, MemberData(nameof(Callers))]
    public async Task Call_Http400_ThrowsClientResultExceptionWithoutRetrying(string caller)
    {
        _server.Fallback = FakeReply.Error(400, "Invalid schema for response_format");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Call(caller, _server.Options(maxRetries: 3)));

        Assert.Equal(400, error.Status);
        Assert.Contains("Invalid schema for response_format", error.Message);
        Assert.Single(_server.Requests);
    }

    public static TheoryData<string, string, string> NotChatCompletions => new()
    {
        { "analyzer", "<html>proxy error</html>", "not a chat completion" },
        { "enricher", "<html>proxy error</html>", "not a chat completion" },
        { "analyzer", "{}", "not a chat completion" },
        { "enricher", """{"choices": []}""", "not a chat completion" },
        { "analyzer", """{"choices": "none"}""", "not a chat completion" },
        { "enricher", """{"choices": [{"index": 0, "message": {"role": "assistant", "content": null}, "finish_reason": "stop"}]}""", "answer is empty" },
    };

    [Theory, MemberData(nameof(NotChatCompletions))]
    public async Task Call_BodyIsNotAChatCompletion_ThrowsAnalyzerOutputException(string caller, string body, string expected)
    {
        _server.Enqueue(new FakeReply(200, body));

        var error = await Assert.ThrowsAsync<AnalyzerOutputException>(() => Call(caller, _server.Options()));

        Assert.Contains(expected, error.Message);
    }

    [Theory, MemberData(nameof(Callers))]
    public async Task Call_CallerCancels_ThrowsTaskCanceledException(string caller)
    {
        _server.Enqueue(ValidReply(caller).After(TimeSpan.FromSeconds(30)));
        using var cts = new CancellationTokenSource();

        var call = Call(caller, _server.Options(maxRetries: 3), cts.Token);
        await _server.WaitForRequestsAsync(1);
        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => call);

        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.DoesNotContain("configured timeout", error.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Call_EndpointWithoutVersionPath_PostsToChatCompletionsBelowIt()
    {
        _server.Enqueue(ValidReply("enricher"));
        var options = _server.Options();
        options.Endpoint = new Uri(_server.Endpoint.GetLeftPart(UriPartial.Authority));

        await Call("enricher", options);

        Assert.Equal("/chat/completions", Assert.Single(_server.Requests).Path);
    }
}
