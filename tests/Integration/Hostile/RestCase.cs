using System.Net.Http.Headers;
using System.Text;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>Who a hostile request claims to be.</summary>
public enum Credential { None, Host, Participant, OtherHost, OtherParticipant, RevokedToken, BogusToken, BogusCode, JoinCode }

/// <summary>
/// One hostile request, fully described so that a failure can be read and replayed: its number
/// in the run, the kind of hostility, the request line, the headers and an excerpt of the body.
/// </summary>
public sealed class RestCase
{
    public required int Number { get; init; }
    public required string Kind { get; init; }
    public required RestRoute Route { get; init; }
    public required string Url { get; init; }
    public Credential Credential { get; init; }
    public byte[]? Body { get; init; }
    /// <summary>Null: no Content-Type header at all.</summary>
    public string? ContentType { get; init; } = "application/json";
    public List<(string Name, string Value)> Headers { get; } = [];
    public long? ContentLength { get; init; }
    /// <summary>The body carries input that can never be stored: anything but a refusal is a bug.</summary>
    public bool MustBeRefused { get; init; }

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Route.Method), Url);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null && !request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType))
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            if (ContentLength is { } length) request.Content.Headers.ContentLength = length;
        }
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    /// <summary>Everything the request sent as text, for telling an echo of its own input from a leak.</summary>
    public string SentText => Url + "\n" + Unescaped(Url) + "\n" + string.Join("\n", Headers.Select(h => h.Value)) + "\n" + (Body is null ? "" : Encoding.UTF8.GetString(Body));

    private static string Unescaped(string url)
    {
        try { return Uri.UnescapeDataString(url); }
        catch (UriFormatException) { return url; }
    }

    public string Describe()
    {
        var body = Body is null ? "(no body)" : Excerpt(Body);
        var headers = string.Join("; ", Headers.Select(h => $"{h.Name}: {Cut(h.Value, 80)}"));
        return $"case #{Number} [{Kind}] {Route.Method} {Cut(Url, 300)} as {Credential}; Content-Type: {ContentType ?? "(none)"}"
            + (ContentLength is { } l ? $"; Content-Length: {l} (body {Body?.Length ?? 0})" : "")
            + (headers.Length > 0 ? $"; headers: {headers}" : "") + $"; body ({Body?.Length ?? 0} bytes): {body}; {HostileRun.Replay}";
    }

    private static string Excerpt(byte[] body)
    {
        var text = new StringBuilder();
        foreach (var b in body.Take(240)) text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        return body.Length > 240 ? text + "…" : text.ToString();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + $"…({text.Length} chars)";
}
