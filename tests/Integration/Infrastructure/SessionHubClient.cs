using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Infrastructure;

/// <summary>
/// A hub client that follows the documented client protocol (docs/realtime.md): it buffers
/// events that arrive before JoinSession answers, drops seqs it already has, and records what it
/// applied, so tests can assert order and completeness. Works with both hub protocols: whatever
/// arrives (a JsonElement over JSON, a tree of maps and arrays over MessagePack) is turned into a
/// JsonElement, so tests read both alike.
/// </summary>
public sealed class SessionHubClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonElement> _early = new();
    private readonly List<JsonElement> _events = [];
    private readonly object _gate = new();
    private bool _joined;

    public SessionHubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<object>("Event", e => OnEvent(ToJson(e)));
    }

    public HubConnection Connection { get; }

    public long LastSeq { get; private set; }

    public JsonElement? LastJoin { get; private set; }

    /// <summary>Every event applied, in the order applied (no duplicates).</summary>
    public IReadOnlyList<JsonElement> Events { get { lock (_gate) return _events.ToList(); } }

    public static SessionHubClient Create(Func<HttpMessageHandler>? handler, string baseUrl, string? accessToken,
        HttpTransportType transports = HttpTransportType.WebSockets, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder().WithUrl($"{baseUrl}/hubs/session", options =>
        {
            if (handler is not null)
            {
                options.HttpMessageHandlerFactory = _ => handler();
                options.Transports = HttpTransportType.LongPolling; // the test server speaks HTTP only
            }
            else options.Transports = transports;
            if (accessToken is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
        });
        if (messagePack) builder.AddMessagePackProtocol();
        return new SessionHubClient(builder.Build());
    }

    public Task StartAsync() => Connection.StartAsync();

    public async Task<JsonElement> JoinAsync(int sessionId, long? afterSeq = null, string? joinCode = null)
    {
        lock (_gate) _joined = false;
        var result = await InvokeAsync("JoinSession", new { sessionId, afterSeq, joinCode });
        lock (_gate)
        {
            LastJoin = result;
            LastSeq = Math.Max(LastSeq, result.GetProperty("snapshot").GetProperty("lastSeq").GetInt64());
            foreach (var e in result.GetProperty("events").EnumerateArray()) _events.Add(e);
            if (result.GetProperty("events").GetArrayLength() > 0)
                LastSeq = Math.Max(LastSeq, result.GetProperty("events").EnumerateArray().Last().GetProperty("seq").GetInt64());
            _joined = true;
            while (_early.TryDequeue(out var e)) ApplyLocked(e);
        }
        return result;
    }

    /// <summary>Invokes a hub method and returns its result as JSON, whichever protocol is in use.</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] args) =>
        ToJson(await Connection.InvokeCoreAsync<object>(method, args));

    private void OnEvent(JsonElement envelope)
    {
        lock (_gate)
        {
            if (!_joined) { _early.Enqueue(envelope); return; }
            ApplyLocked(envelope);
        }
    }

    private void ApplyLocked(JsonElement envelope)
    {
        var seq = envelope.GetProperty("seq").GetInt64();
        if (seq <= LastSeq) return;
        _events.Add(envelope);
        LastSeq = seq;
    }

    /// <summary>Waits (bounded) until the client has applied an event with at least this seq.</summary>
    public async Task WaitForSeqAsync(long seq, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (LastSeq < seq)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Expected seq {seq}, have {LastSeq}.");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    /// <summary>JSON hands us a JsonElement; MessagePack a tree of maps (object keys), arrays and scalars.</summary>
    public static JsonElement ToJson(object? value) => value is JsonElement element ? element : JsonSerializer.SerializeToElement(Plain(value));

    private static object? Plain(object? value) => value switch
    {
        null or string or bool or DateTime => value,
        IDictionary map => PlainMap(map),
        byte[] bytes => Convert.ToBase64String(bytes),
        IEnumerable list => list.Cast<object?>().Select(Plain).ToList(),
        _ => value,
    };

    private static Dictionary<string, object?> PlainMap(IDictionary map)
    {
        var plain = new Dictionary<string, object?>();
        var entries = map.GetEnumerator(); // IDictionary's own enumerator yields DictionaryEntry
        while (entries.MoveNext())
            plain[Convert.ToString(entries.Key, System.Globalization.CultureInfo.InvariantCulture)!] = Plain(entries.Value);
        return plain;
    }
}
