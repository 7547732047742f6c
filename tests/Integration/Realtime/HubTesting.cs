using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>Shortcuts for hub tests: clients on a factory's test server, refusals, the session's seq as REST reports it.</summary>
internal static class HubTesting
{
    public static SessionHubClient HubClient(this WebApplicationFactory<Program> factory, string? accessToken, bool messagePack = false, int? version = null) =>
        SessionHubClient.Create(() => factory.Server.CreateHandler(), factory.Server.BaseAddress.ToString().TrimEnd('/'), accessToken, messagePack: messagePack, version: version);

    /// <summary>A started client that has joined the session (viewers pass the join code and no token).</summary>
    public static async Task<SessionHubClient> JoinedAsync(this WebApplicationFactory<Program> factory, int sessionId,
        string? accessToken, string? joinCode = null, bool messagePack = false, int? version = null)
    {
        var client = factory.HubClient(accessToken, messagePack, version);
        await client.StartAsync();
        await client.JoinAsync(sessionId, joinCode: joinCode);
        return client;
    }

    /// <summary>
    /// Asserts the hub refused the call with this HTTP status. The server's HubException message
    /// starts with the status; the client library puts its own preamble before it
    /// ("An unexpected error occurred invoking 'X' on the server. HubException: 403 Forbidden: ...").
    /// </summary>
    public static async Task<HubException> RefusedAsync(int status, Func<Task> call)
    {
        var refusal = await Assert.ThrowsAsync<HubException>(call);
        Assert.Matches($"(^|HubException: ){status} [A-Z]", refusal.Message);
        return refusal;
    }

    /// <summary>The session's last_seq from the REST status endpoint.</summary>
    public static async Task<long> LastSeqAsync(this Api api, int sessionId) =>
        (await api.GetJsonAsync($"/api/v1/sessions/{sessionId}/status"))["last_seq"]!.GetValue<long>();

    public static IReadOnlyList<string?> Types(this IEnumerable<JsonElement> events) => events.Select(e => e.GetProperty("type").GetString()).ToList();

    public static IReadOnlyList<long> Seqs(this IEnumerable<JsonElement> events) => events.Select(e => e.GetProperty("seq").GetInt64()).ToList();

    public static JsonElement Data(this JsonElement envelope) => envelope.GetProperty("data");
}
