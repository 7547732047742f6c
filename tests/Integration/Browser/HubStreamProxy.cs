using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>
/// Sits in the middle of a page's hub WebSocket (Playwright's RouteWebSocket) and reshapes what the
/// server sends into the stream protocol v2 describes (docs/realtime.md), so the web client's v2
/// paths are exercised whichever protocol the server speaks: events hidden from the page's
/// audience are taken out (live and in JoinSession replays) and the next visible event's
/// <c>prevSeq</c> skips them; <c>Event</c> messages go out as <c>Events([envelope])</c>; with
/// <see cref="SlimStateChanges"/>, every <c>activity.state_changed</c> loses the activity's content
/// (harsher than v2, which sends the full activity when it is revealed: the page must read it).
/// <see cref="DropNext"/> loses one live event without a word, as a broken path would, to provoke a gap.
/// SignalR JSON frames carry records ended by 0x1E; a hidden live event becomes an invocation of a
/// method the page does not handle, so SignalR's own message counting (stateful reconnect) stays right.
/// </summary>
public sealed class HubStreamProxy
{
    private const char RecordSeparator = '\u001e';
    private static readonly string[] ContentFields = ["configuration", "schema_render", "response_schema", "activity_metadata", "activity_context", "description"];

    private readonly object _gate = new();
    private readonly HashSet<long> _hiddenSeqs = [];
    private readonly HashSet<string> _joinInvocations = [];
    private int _joinSessionCalls;
    private int _hidden;
    private int _dropped;

    /// <summary>Which events the page's audience does not receive (default: it receives every event).</summary>
    public Func<JsonObject, bool> Hides { get; set; } = _ => false;

    public bool SlimStateChanges { get; set; }

    /// <summary>The next live event this matches is lost once (not hidden: its seq still counts).</summary>
    public Func<JsonObject, bool>? DropNext { get; set; }

    public int JoinSessionCalls { get { lock (_gate) return _joinSessionCalls; } }

    /// <summary>How many events were hidden (live or in replays).</summary>
    public int Hidden { get { lock (_gate) return _hidden; } }

    public int Dropped { get { lock (_gate) return _dropped; } }

    /// <summary>
    /// Waits (up to 15 s) until the proxy has seen what the test expects, e.g. an event dropped:
    /// a REST call returns before its event has crossed the proxy.
    /// </summary>
    public async Task WaitUntilAsync(Func<HubStreamProxy, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The hub stream proxy never saw {what} (hidden {Hidden}, dropped {Dropped}, JoinSession calls {JoinSessionCalls}).");
            await Task.Delay(50);
        }
    }

    /// <summary>Routes every hub WebSocket the page opens (from now on) through a new proxy.</summary>
    public static async Task<HubStreamProxy> AttachAsync(IPage page)
    {
        var proxy = new HubStreamProxy();
        await page.RouteWebSocketAsync(new Regex("/hubs/session"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame => { if (frame.Text is { } text) server.Send(proxy.FromPage(text)); else if (frame.Binary is { } bytes) server.Send(bytes); });
            server.OnMessage(frame => { if (frame.Text is { } text) ws.Send(proxy.FromServer(text)); else if (frame.Binary is { } bytes) ws.Send(bytes); });
        });
        return proxy;
    }

    private string FromPage(string frame)
    {
        foreach (var message in Messages(frame).OfType<JsonObject>())
        {
            if (message["type"]?.GetValue<int>() != 1 || (string?)message["target"] != "JoinSession") continue;
            lock (_gate)
            {
                _joinSessionCalls++;
                if (message["invocationId"]?.GetValue<string>() is { } id) _joinInvocations.Add(id);
            }
        }
        return frame;
    }

    private string FromServer(string frame)
    {
        var messages = Messages(frame);
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message) continue;
            var type = message["type"]?.GetValue<int>();
            if (type == 1 && (string?)message["target"] == "Event")
                messages[i] = Live([message["arguments"]![0]!.AsObject()]);
            else if (type == 1 && (string?)message["target"] == "Events")
                messages[i] = Live(message["arguments"]![0]!.AsArray().OfType<JsonObject>().ToList());
            else if (type == 3 && message["invocationId"]?.GetValue<string>() is { } id && IsJoinAnswer(id) && message["result"]?["events"] is JsonArray replay)
                Replay(replay);
        }
        return string.Concat(messages.Select(m => m!.ToJsonString() + RecordSeparator));
    }

    private bool IsJoinAnswer(string invocationId)
    {
        lock (_gate) return _joinInvocations.Remove(invocationId);
    }

    private JsonObject Live(List<JsonObject> envelopes)
    {
        var batch = new JsonArray();
        foreach (var envelope in envelopes)
        {
            lock (_gate)
            {
                if (DropNext is { } drop && drop(envelope))
                {
                    DropNext = null;
                    _dropped++;
                    continue;
                }
            }
            if (Visible(envelope)) batch.Add(envelope.DeepClone());
        }
        return batch.Count == 0 ? NotForThePage() : new JsonObject { ["type"] = 1, ["target"] = "Events", ["arguments"] = new JsonArray(batch) };
    }

    private void Replay(JsonArray events)
    {
        var visible = events.OfType<JsonObject>().Where(Visible).Select(e => e.DeepClone()).ToList();
        events.Clear();
        foreach (var e in visible) events.Add(e);
    }

    /// <summary>Hides (remembering its seq) or reshapes an envelope in place; true when the page gets it.</summary>
    private bool Visible(JsonObject envelope)
    {
        var seq = envelope["seq"]!.GetValue<long>();
        lock (_gate)
        {
            if (Hides(envelope))
            {
                _hiddenSeqs.Add(seq);
                _hidden++;
                return false;
            }
            // A v2 server says which seq came before in this audience's stream; v1 means seq - 1.
            var prev = envelope["prevSeq"]?.GetValue<long>() ?? seq - 1;
            while (_hiddenSeqs.Contains(prev)) prev--;
            envelope["prevSeq"] = prev;
        }
        if (SlimStateChanges && (string?)envelope["type"] == "activity.state_changed" && envelope["data"] is JsonObject data)
            foreach (var field in ContentFields) data.Remove(field);
        return true;
    }

    private static JsonObject NotForThePage() => new() { ["type"] = 1, ["target"] = "testHidden", ["arguments"] = new JsonArray() };

    private static List<JsonNode?> Messages(string frame) =>
        frame.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries).Select(text => JsonNode.Parse(text)).ToList();

    /// <summary>The v2 participant audience (docs/realtime.md): no other participant's joins, leaves or responses.</summary>
    public static Func<JsonObject, bool> HiddenFromParticipant(Func<int> participantId) => envelope =>
    {
        var type = (string?)envelope["type"] ?? "";
        if (type is "response.processing" or "response.marked") return true;
        if (!type.StartsWith("participant.", StringComparison.Ordinal) && !type.StartsWith("response.", StringComparison.Ordinal)) return false;
        var author = envelope["data"]?["participant_id"];
        return author is null || author.GetValueKind() == System.Text.Json.JsonValueKind.Null || AsInt(author) != participantId();
    };

    private static int AsInt(JsonNode node) =>
        node.GetValueKind() == System.Text.Json.JsonValueKind.String ? int.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : node.GetValue<int>();
}
