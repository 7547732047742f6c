using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Trust;

/// <summary>Shortcuts of the trust tests: who a response names on each route, and the coalesced results a hub client received.</summary>
internal static class TrustTesting
{
    /// <summary>participant_id of each listed response, by response id (null when hidden).</summary>
    public static Dictionary<Guid, int?> Authors(JsonNode? items) => items!.AsArray().ToDictionary(
        r => Guid.Parse(r!["id"]!.GetValue<string>()),
        r => r!["participant_id"] is JsonValue v ? v.GetValue<int>() : (int?)null);

    /// <summary>participant_id of each response event of the stream, by response id, the latest event winning.</summary>
    public static Dictionary<Guid, int?> EventAuthors(IEnumerable<JsonElement> envelopes)
    {
        var authors = new Dictionary<Guid, int?>();
        foreach (var e in envelopes.Where(e => e.GetProperty("type").GetString() is "response.added" or "response.updated"))
        {
            var data = e.GetProperty("data");
            authors[data.GetProperty("id").GetGuid()] = data.GetProperty("participant_id") is { ValueKind: JsonValueKind.Number } id ? id.GetInt32() : null;
        }
        return authors;
    }

    /// <summary>The events of <c>GET /sessions/{id}/events?after=</c> as JSON elements, for the role the credentials give.</summary>
    public static async Task<IReadOnlyList<JsonElement>> EventLogAsync(this Api api, int sessionId, long after = 0,
        string? adminCode = null, string? token = null, string? joinCode = null)
    {
        var query = joinCode is null ? "" : $"&join_code={joinCode}";
        var page = await api.GetJsonAsync($"/api/v1/sessions/{sessionId}/events?after={after}&limit=1000{query}", adminCode: adminCode, token: token);
        return JsonDocument.Parse(page["events"]!.ToJsonString()).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>Collects the coalesced <c>Results</c> messages a hub client receives.</summary>
    public static ConcurrentQueue<JsonElement> CollectResults(this SessionHubClient client)
    {
        var received = new ConcurrentQueue<JsonElement>();
        client.Connection.On<object>("Results", update => received.Enqueue(SessionHubClient.ToJson(update)));
        return received;
    }

    /// <summary>Waits (bounded) for a Results message about the activity that satisfies <paramref name="done"/>, and returns it.</summary>
    public static async Task<JsonElement> WaitForResultsAsync(this ConcurrentQueue<JsonElement> received, Guid activityId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var match = received.LastOrDefault(r => r.GetProperty("activityId").GetGuid() == activityId);
            if (match.ValueKind != JsonValueKind.Undefined && done(match)) return match;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No matching Results for {activityId}; last: {match}");
            await Task.Delay(20);
        }
    }
}
