using System.IO.Pipelines;

namespace Conflicto.Server.Infrastructure;

/// <summary>Input the <see cref="StorableText"/> rule refuses; answered as a 422 by <see cref="ProblemExceptionHandler"/>.</summary>
public sealed class UnstorableInputException(Unstorable found) : Exception(found.Message)
{
    public Unstorable Found { get; } = found;

    /// <summary>The field as validation problems name it (<c>response_data.items[2]</c>), or null for the body as a whole.</summary>
    public string? Field => Found.Path.StartsWith("$.", StringComparison.Ordinal) ? Found.Path[2..]
        : Found.Path.StartsWith("$[", StringComparison.Ordinal) ? Found.Path[1..] : null;

    public string Detail => Field is null ? $"The request body {Found.Reason}." : $"{Field} {Found.Reason}.";
}

/// <summary>
/// Holds every JSON request body, query string and the Idempotency-Key header to the <see cref="StorableText"/> rule before any
/// endpoint binds it, so one place covers every route and field: a body the model binder would
/// otherwise read partly (invalid UTF-8 inside a property the DTO ignores was accepted as an empty
/// update) or pass on to Postgres (a NUL, a lone surrogate, 1e999999) is refused whole. Runs after
/// <see cref="BodySizeLimitMiddleware"/>, so the body it buffers is already bounded.
/// </summary>
public sealed class StorableInputMiddleware(RequestDelegate next)
{
    private const string IdempotencyKeyHeader = Responses.ResponseEndpoints.IdempotencyKeyHeader;

    public async Task InvokeAsync(HttpContext context)
    {
        foreach (var (key, values) in context.Request.Query)
        {
            if (StorableText.Reason(key) is { } keyReason) throw new UnstorableInputException(new("$", $"has a query parameter name that {keyReason}"));
            foreach (var value in values)
                if (StorableText.Reason(value) is { } reason) throw new UnstorableInputException(new("$." + key, reason));
        }
        // Kestrel refuses control bytes in headers, but other hosts (and the test server) need not: the one header stored as text.
        if (StorableText.Reason(context.Request.Headers[IdempotencyKeyHeader].ToString()) is { } keyReason2)
            throw new UnstorableInputException(new("$." + IdempotencyKeyHeader, keyReason2));
        if (IsJson(context.Request.ContentType) && context.Request.Body.CanRead)
        {
            // Bodies are checked (and stored) as UTF-8; another or an unknown charset made the JSON reader throw (a 500).
            if (Charset(context.Request.ContentType) is { } charset && !IsUtf8(charset))
                throw new BadHttpRequestException($"JSON bodies must be UTF-8; the charset was '{charset}'.", StatusCodes.Status415UnsupportedMediaType);
            context.Request.EnableBuffering();
            var reader = PipeReader.Create(context.Request.Body, new StreamPipeReaderOptions(leaveOpen: true));
            ReadResult read;
            while (true)
            {
                read = await reader.ReadAsync(context.RequestAborted);
                if (read.IsCompleted) break;
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
            var found = read.Buffer.Length == 0 ? null : StorableText.CheckJson(read.Buffer);
            await reader.CompleteAsync();
            if (found is not null) throw new UnstorableInputException(found);
            context.Request.Body.Position = 0;
        }
        await next(context);
    }

    private static string? Charset(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.Charset.Value?.Trim('"')
        : contentType!.Contains("charset", StringComparison.OrdinalIgnoreCase) ? contentType : null; // unparsable with a charset: refuse it too

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.Contains("/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));
}
