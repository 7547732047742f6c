using System.Collections.Concurrent;
using System.Text.Json;
using Conflicto.Processing.OpenAI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conflicto.Tests.Unit.Processing.OpenAI;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on a loopback port, answering from a script
/// and recording what it was sent. Replies are used in order; when they run out, <see cref="Fallback"/> answers.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeOpenAIServer(WebApplication app) => _app = app;

    /// <summary>The base address to configure as <c>Processing:OpenAI:Endpoint</c> (…/v1).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public FakeReply Fallback { get; set; } = FakeReply.Error(500, "the test scripted no more replies");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting(WebHostDefaults.ShutdownTimeoutKey, "1");
        var server = new FakeOpenAIServer(builder.Build());
        server._app.Urls.Add("http://127.0.0.1:0");
        server._app.MapPost("/v1/chat/completions", server.HandleAsync);
        server._app.MapPost("/chat/completions", server.HandleAsync);
        await server._app.StartAsync();
        server.Endpoint = new Uri(server._app.Urls.Single() + "/v1");
        return server;
    }

    /// <summary>Options pointing at this server; no retries unless asked, so failures are quick.</summary>
    public OpenAIOptions Options(int maxRetries = 0, int timeoutSeconds = 30) => new()
    {
        ApiKey = "test-key",
        Endpoint = Endpoint,
        Model = "test-model",
        MaxRetries = maxRetries,
        TimeoutSeconds = timeoutSeconds,
    };

    /// <summary>Waits (up to 10 s) until the server has received at least <paramref name="count"/> requests.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_requests.Count < count) await Task.Delay(10, timeout.Token);
    }

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        _requests.Enqueue(new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body.RootElement.Clone()));

        var reply = _script.TryDequeue(out var next) ? next : Fallback;
        if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, context.RequestAborted);
        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record RecordedRequest(string Path, string Authorization, JsonElement Body);

public sealed record FakeReply(int StatusCode, string Body, TimeSpan Delay = default)
{
    /// <summary>A 200 chat completion whose message content is <paramref name="content"/> (any text, JSON or not).</summary>
    public static FakeReply Completion(string content, string finishReason = "stop", string? refusal = null) => new(200, JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "fake-model",
        choices = new[]
        {
            new { index = 0, message = new { role = "assistant", content, refusal }, logprobs = (object?)null, finish_reason = finishReason },
        },
        usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
    }));

    /// <summary>A chat completion whose content is <paramref name="answer"/> serialised as JSON.</summary>
    public static FakeReply Json(object answer) => Completion(JsonSerializer.Serialize(answer));

    /// <summary>An error in OpenAI's shape.</summary>
    public static FakeReply Error(int status, string message) =>
        new(status, JsonSerializer.Serialize(new { error = new { message, type = "fake_error", code = (string?)null } }));

    public FakeReply After(TimeSpan delay) => this with { Delay = delay };
}
