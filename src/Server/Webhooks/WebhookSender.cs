using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Conflicto.Data.Webhooks;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// One signed POST to a receiver. Any 2xx acknowledges; anything else, a timeout
/// (<c>Webhooks:TimeoutSeconds</c>), a refused address or an open circuit is a failed attempt,
/// described for the delivery log. At most <c>Webhooks:MaxResponseBytes</c> of the answer are read.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string UserAgent = "Conflicto-Webhooks/1";

    public async Task<AttemptOutcome> SendAsync(WebhookRow webhook, string eventType, long? seq, string body, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var headers = request.Headers;
        headers.TryAddWithoutValidation("User-Agent", UserAgent);
        headers.Add("Conflicto-Webhook-Id", webhook.Id.ToString());
        if (seq is { } s)
        {
            headers.Add("Conflicto-Delivery-Id", $"{webhook.Id}:{s}");
            headers.Add("Conflicto-Seq", s.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else headers.Add("Conflicto-Delivery-Id", $"{webhook.Id}:ping-{Guid.NewGuid():N}");
        headers.Add("Conflicto-Event", eventType);
        headers.Add("Conflicto-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.Add("Conflicto-Signature", WebhookSigner.Header(webhook.Secret, webhook.PreviousSecretAt(now.UtcDateTime), timestamp, body));

        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var response = await clients.CreateClient(WebhookConnections.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new AttemptOutcome(true, code, null, Elapsed());
            var answer = await ReadCappedAsync(response, options.Value.MaxResponseBytes, ct);
            return new AttemptOutcome(false, code, $"HTTP {code} {response.ReasonPhrase}{(answer.Length > 0 ? ": " + answer : "")}", Elapsed());
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TimeoutRejectedException
            or BrokenCircuitException or OperationCanceledException or IOException)
        {
            return new AttemptOutcome(false, null, Describe(ex), Elapsed());
        }
    }

    /// <summary>The innermost useful message: a refused address says so, a timeout and an open circuit say what they are.</summary>
    public static string Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is WebhookAddressRefusedException) return e.Message;
        return ex switch
        {
            TimeoutRejectedException => "timed out (Webhooks:TimeoutSeconds)",
            BrokenCircuitException => "not attempted: the circuit to this receiver is open after repeated failures",
            HttpRequestException { InnerException: { } inner } => $"{ex.Message} ({inner.Message})",
            _ => ex.Message,
        };
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, int maxBytes, CancellationToken ct)
    {
        if (maxBytes == 0) return "";
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[maxBytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
