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
/// JsonElement, so tests read both alike. With <c>version: 2</c> it joins the audience stream:
/// <c>Events</c> batches whose envelopes chain by <c>prevSeq</c>; an envelope whose <c>prevSeq</c>
/// is above the last applied seq is a gap, counted in <see cref="Gaps"/> and resumed by joining
/// again with <c>afterSeq</c>, as the docs tell clients to do.
/// </summary>
public sealed class SessionHubClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonElement> _early = new();
    private readonly List<JsonElement> _events = [];
    private readonly List<int> _batches = [];
    private readonly object _gate = new();
    private readonly int? _version;
    private bool _joined;
    private int _dropMessages;
    private (int SessionId, string? JoinCode)? _session;
    private Task _resuming = Task.CompletedTask;

    public SessionHubClient(HubConnection connection, int? version = null)
    {
        Connection = connection;
        _version = version;
        connection.On<object>("Event", e => OnMessage([ToJson(e)]));
        connection.On<object>("Events", batch => OnMessage([.. ToJson(batch).EnumerateArray()]));
    }

    public HubConnection Connection { get; }

    public long LastSeq { get; private set; }

    public JsonElement? LastJoin { get; private set; }

    /// <summary>Every event applied, in the order applied (no duplicates).</summary>
    public IReadOnlyList<JsonElement> Events { get { lock (_gate) return _events.ToList(); } }

    /// <summary>How many envelopes each live message carried (<c>Event</c>: 1, <c>Events</c>: the batch), in arrival order, dropped ones included.</summary>
    public IReadOnlyList<int> Messages { get { lock (_gate) return _batches.ToList(); } }

    /// <summary>How many gaps the <c>prevSeq</c> chain revealed (each one resumed by a new JoinSession).</summary>
    public int Gaps { get; private set; }

    public static SessionHubClient Create(Func<HttpMessageHandler>? handler, string baseUrl, string? accessToken,
        HttpTransportType transports = HttpTransportType.WebSockets, bool messagePack = false, int? version = null)
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
        return new SessionHubClient(builder.Build(), version);
    }

    public Task StartAsync() => Connection.StartAsync();

    /// <summary>Loses the next <paramref name="count"/> live messages, as a flaky network would (they are counted, not applied).</summary>
    public void DropNextMessages(int count) { lock (_gate) _dropMessages += count; }

    public async Task<JsonElement> JoinAsync(int sessionId, long? afterSeq = null, string? joinCode = null)
    {
        lock (_gate)
        {
            _joined = false;
            _session = (sessionId, joinCode);
        }
        var result = await InvokeAsync("JoinSession", _version is { } version ? new { sessionId, afterSeq, joinCode, version } : new { sessionId, afterSeq, joinCode });
        lock (_gate)
        {
            LastJoin = result;
            var applied = LastSeq;
            foreach (var e in result.GetProperty("events").EnumerateArray())
            {
                var seq = e.GetProperty("seq").GetInt64();
                if (seq <= applied) continue;
                _events.Add(e);
                applied = seq;
            }
            // The answer covers the log through its snapshot, visible to this role or not.
            LastSeq = Math.Max(applied, result.GetProperty("snapshot").GetProperty("lastSeq").GetInt64());
            _joined = true;
            var early = new List<JsonElement>();
            while (_early.TryDequeue(out var e)) early.Add(e);
            ApplyLocked(early);
        }
        return result;
    }

    /// <summary>Invokes a hub method and returns its result as JSON, whichever protocol is in use.</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] args) =>
        ToJson(await Connection.InvokeCoreAsync<object>(method, args));

    private void OnMessage(IReadOnlyList<JsonElement> envelopes)
    {
        lock (_gate)
        {
            _batches.Add(envelopes.Count);
            if (_dropMessages > 0) { _dropMessages--; return; }
            if (!_joined) { foreach (var e in envelopes) _early.Enqueue(e); return; }
            ApplyLocked(envelopes);
        }
    }

    private void ApplyLocked(IReadOnlyList<JsonElement> envelopes)
    {
        for (var i = 0; i < envelopes.Count; i++)
        {
            var envelope = envelopes[i];
            var seq = envelope.GetProperty("seq").GetInt64();
            if (seq <= LastSeq) continue;
            if (envelope.TryGetProperty("prevSeq", out var prev) && prev.GetInt64() > LastSeq && _session is { } session)
            {
                // A gap: what follows waits for the resume, which replays the hole.
                Gaps++;
                _joined = false;
                foreach (var rest in envelopes.Skip(i)) _early.Enqueue(rest);
                var after = LastSeq;
                _resuming = Task.Run(() => JoinAsync(session.SessionId, after, session.JoinCode));
                return;
            }
            _events.Add(envelope);
            LastSeq = seq;
        }
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

    /// <summary>Waits (bounded) until the client has seen at least this many live messages.</summary>
    public async Task WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (Messages.Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Expected {count} messages, have {Messages.Count}.");
            await Task.Delay(10);
        }
    }

    /// <summary>The resume started by the last gap (completed when there was none).</summary>
    public Task Resuming { get { lock (_gate) return _resuming; } }

    /// <summary>
    /// Where a closed connection's stream ended, for the next connection to continue from: waits
    /// for a resume still running (its answer may land after the close was reported) and reads
    /// the events and the last seq together. A resume that failed with the connection applied nothing.
    /// </summary>
    public async Task<(IReadOnlyList<JsonElement> Events, long LastSeq)> HandOverAsync()
    {
        await Resuming.ContinueWith(_ => { }, TaskScheduler.Default); // its outcome is in what it applied
        lock (_gate) return (_events.ToList(), LastSeq);
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
