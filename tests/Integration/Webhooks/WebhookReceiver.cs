using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conflicto.Tests.Integration.Webhooks;

/// <summary>One request the receiver got: its headers, its raw body, and what it answered.</summary>
public sealed record ReceivedDelivery(IReadOnlyDictionary<string, string> Headers, string Body, int Answered)
{
    public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";
    public long Seq => long.Parse(Header("Conflicto-Seq"));
    public JsonNode Json => JsonNode.Parse(Body)!;
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel on a free port): it records every request and
/// answers what <see cref="Answer"/> says (2xx by default), so tests can take it "down" (500s) and back.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The status to answer with; replaceable at any time.</summary>
    public Func<int> Answer { get; set; } = () => 200;

    public string BaseUrl { get; private set; } = "";

    public string Url(string path = "/hook") => BaseUrl + path;

    public IReadOnlyList<ReceivedDelivery> All => _received.ToArray();

    /// <summary>Requests that were acknowledged (answered 2xx).</summary>
    public IReadOnlyList<ReceivedDelivery> Acknowledged => _received.Where(d => d.Answered is >= 200 and < 300).ToArray();

    /// <summary>Starts on <paramref name="port"/> (0: any free port).</summary>
    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var status = receiver.Answer();
            receiver._received.Enqueue(new ReceivedDelivery(headers, body, status));
            context.Response.StatusCode = status;
            if (status >= 300) await context.Response.WriteAsync("receiver says no");
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Urls.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>A port nothing listens on (yet): a receiver that is down refuses connections there.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (generous timeout, no fixed sleeps in the tests).</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {seconds} s for {what}.");
            await Task.Delay(50);
        }
    }

    public Task WaitForAsync(Func<IReadOnlyList<ReceivedDelivery>, bool> condition, string what, int seconds = 30) =>
        WaitForAsync(() => Task.FromResult(condition(All)), what, seconds);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// The receiver's check, written here from docs/integrations.md and independent of the server's
/// code: HMAC-SHA256 keyed with the secret's UTF-8 bytes over "{timestamp}.{body}", hex, compared
/// in constant time with every v1 entry, and the timestamp within 5 minutes.
/// </summary>
public static class ReceiverVerifier
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool Verify(string secret, ReceivedDelivery d, DateTimeOffset? now = null) =>
        Verify(secret, d.Header("Conflicto-Signature"), d.Header("Conflicto-Timestamp"), d.Body, now ?? DateTimeOffset.UtcNow);

    public static bool Verify(string secret, string signatureHeader, string timestamp, string body, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, out var ts) || Math.Abs(now.ToUnixTimeSeconds() - ts) > Tolerance.TotalSeconds) return false;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(ts + "." + body))).ToLowerInvariant());
        return signatureHeader.Split(',').Select(p => p.Trim()).Where(p => p.StartsWith("v1=", StringComparison.Ordinal))
            .Any(p => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(p[3..])));
    }

    /// <summary>The v1 signatures of a header, in order.</summary>
    public static IReadOnlyList<string> Signatures(ReceivedDelivery d) =>
        d.Header("Conflicto-Signature").Split(',').Select(p => p.Trim()).Where(p => p.StartsWith("v1=", StringComparison.Ordinal)).ToList();
}
