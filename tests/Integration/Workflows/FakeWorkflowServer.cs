using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conflicto.Tests.Integration.Workflows;

/// <summary>
/// An external workflow (N8N-like webhook) on a loopback port: records every job posted to it and
/// answers from a script per marker (a post whose subject contains the marker takes the marker's
/// next reply; anything else gets <see cref="FakeWorkflowReply.Accept"/> without a callback). A reply
/// may call back once the post was answered, through <see cref="CallbackClient"/> (the server under test).
/// </summary>
public sealed class FakeWorkflowServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WorkflowPostRecord> _posts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeWorkflowReply>> _script = new();

    private FakeWorkflowServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The client callbacks go through (the test server's own).</summary>
    public HttpClient? CallbackClient { get; set; }

    public IReadOnlyList<WorkflowPostRecord> Posts => [.. _posts];

    public static async Task<FakeWorkflowServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting(WebHostDefaults.ShutdownTimeoutKey, "1");
        var server = new FakeWorkflowServer(builder.Build());
        server._app.Urls.Add("http://127.0.0.1:0");
        server._app.MapPost("/webhook/conflicto", server.HandleAsync);
        await server._app.StartAsync();
        server.Url = new Uri(server._app.Urls.Single() + "/webhook/conflicto");
        return server;
    }

    public void Script(string marker, params FakeWorkflowReply[] replies)
    {
        var queue = _script.GetOrAdd(marker, _ => new ConcurrentQueue<FakeWorkflowReply>());
        foreach (var reply in replies) queue.Enqueue(reply);
    }

    /// <summary>Waits (bounded) for the post of attempt <paramref name="attempt"/> of the job whose subject carries <paramref name="marker"/>.</summary>
    public async Task<WorkflowPostRecord> WaitForPostAsync(string marker, int attempt = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var post = _posts.FirstOrDefault(p => p.Carries(marker) && p.Attempt == attempt);
            if (post is not null) return post;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No post of attempt {attempt} for '{marker}'; posts: {_posts.Count}");
            await Task.Delay(25);
        }
    }

    public IReadOnlyList<WorkflowPostRecord> PostsFor(string marker) => _posts.Where(p => p.Carries(marker)).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var raw = buffer.ToArray();
        var post = new WorkflowPostRecord(raw, JsonDocument.Parse(raw).RootElement.Clone(),
            context.Request.Headers["X-Conflicto-Timestamp"].ToString(), context.Request.Headers["X-Conflicto-Signature"].ToString());
        _posts.Enqueue(post);

        var reply = _script.FirstOrDefault(s => post.Carries(s.Key)).Value is { } queue && queue.TryDequeue(out var next) ? next : FakeWorkflowReply.Accept();
        if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, CancellationToken.None);
        if (reply.Callback is { } callback && CallbackClient is { } client)
            context.Response.OnCompleted(() =>
            {
                _ = Task.Run(async () => post.CallbackAnswer.TrySetResult(await post.CallBackAsync(client, callback(post))));
                return Task.CompletedTask;
            });
        context.Response.StatusCode = reply.Status;
        await context.Response.WriteAsync("{}", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>How the fake answers one post: its HTTP status, after a delay, then maybe a callback with the body <see cref="Callback"/> makes.</summary>
public sealed record FakeWorkflowReply(int Status, TimeSpan Delay = default, Func<WorkflowPostRecord, object>? Callback = null)
{
    public static FakeWorkflowReply Accept(Func<WorkflowPostRecord, object>? callback = null) => new(202, default, callback);
}

/// <summary>One post as the workflow received it.</summary>
public sealed record WorkflowPostRecord(byte[] Raw, JsonElement Body, string Timestamp, string Signature)
{
    public TaskCompletionSource<HttpResponseMessage> CallbackAnswer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid JobId => Body.GetProperty("job_id").GetGuid();
    public int Attempt => Body.GetProperty("attempt").GetInt32();
    public string Kind => Body.GetProperty("kind").GetString()!;
    public string Token => Body.GetProperty("callback_token").GetString()!;
    public JsonElement Subject => Body.GetProperty("subject");

    /// <summary>The callback URL's path (the host is the test server's).</summary>
    public string CallbackPath => new Uri(Body.GetProperty("callback_url").GetString()!).PathAndQuery;

    public bool Carries(string marker) => Subject.GetRawText().Contains(marker, StringComparison.Ordinal);

    /// <summary>Calls back as the workflow would: this post's URL, a bearer token (this post's unless another is given), a JSON body.</summary>
    public async Task<HttpResponseMessage> CallBackAsync(HttpClient client, object body, string? token = null, string? path = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path ?? CallbackPath) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token ?? Token);
        return await client.SendAsync(request);
    }
}
