using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>
/// A host's own endpoint, for the browser tests: a tiny Kestrel app on a free loopback port that
/// acknowledges every POST to /hook with 200 and keeps what arrived (headers and raw body).
/// <see cref="IsSigned"/> checks a delivery the way docs/integrations.md tells a receiver to.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Delivery(string Event, long? Seq, string DeliveryId, string Timestamp, string Signature, string Body);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<Delivery> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var seq = long.TryParse(request.Headers["Conflicto-Seq"].ToString(), out var s) ? s : (long?)null;
            receiver._received.Enqueue(new Delivery(request.Headers["Conflicto-Event"].ToString(), seq, request.Headers["Conflicto-Delivery-Id"].ToString(),
                request.Headers["Conflicto-Timestamp"].ToString(), request.Headers["Conflicto-Signature"].ToString(), body));
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Url = app.Urls.First().Replace("localhost", "127.0.0.1").TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>The receiver's check: one <c>v1=</c> equal to hex HMAC-SHA256(secret, "{timestamp}.{body}").</summary>
    public static bool IsSigned(Delivery delivery, string secret)
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{delivery.Timestamp}.{delivery.Body}")));
        return delivery.Signature.Split(',').Any(part => part.Trim() == $"v1={expected}");
    }

    /// <summary>Waits (generously) until a delivery matching <paramref name="match"/> has arrived.</summary>
    public async Task<Delivery> WaitForAsync(Func<Delivery, bool> match, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < until)
        {
            if (_received.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The receiver did not get {what}; it got: {string.Join(", ", _received.Select(d => $"{d.Event}#{d.Seq}"))}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
