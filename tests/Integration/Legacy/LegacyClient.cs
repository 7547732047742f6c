using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conflicto.Tests.Integration.Legacy;

/// <summary>The three doors a legacy answer comes in by, and the results a legacy client reads back.</summary>
public sealed class LegacyClient(WebApplicationFactory<Program> factory, Api api) : IAsyncDisposable
{
    private readonly List<SessionHubClient> _hubs = [];

    public enum Door { SessionRoute, FrameworkRoute, Hub }

    public static readonly Door[] Doors = [Door.SessionRoute, Door.FrameworkRoute, Door.Hub];

    /// <summary>Submits through one door and returns the stored response's id; fails unless it was accepted.</summary>
    public async Task<Guid> SubmitAsync(Door door, Api.Participant participant, Guid activity, object data, string? key = null)
    {
        switch (door)
        {
            case Door.SessionRoute:
                return (await Api.ReadAsync(await api.SubmitAsync(participant, activity, data, key), HttpStatusCode.Created)).Id();
            case Door.FrameworkRoute:
                return (await Api.ReadAsync(await FrameworkSubmitAsync(participant, activity, data, key), HttpStatusCode.OK)).Id();
            default:
                var ack = await HubSubmitAsync(participant, activity, data, key);
                Assert.False(ack.GetProperty("replayed").GetBoolean());
                return ack.GetProperty("responseId").GetGuid();
        }
    }

    /// <summary>Submits through one door and asserts it was refused with <paramref name="status"/>; returns the error text.</summary>
    public async Task<string> RefusedAsync(Door door, Api.Participant participant, Guid activity, object data, HttpStatusCode status)
    {
        if (door == Door.Hub)
            return (await HubTesting.RefusedAsync((int)status, () => HubSubmitAsync(participant, activity, data, null))).Message;
        var response = door == Door.SessionRoute ? await api.SubmitAsync(participant, activity, data) : await FrameworkSubmitAsync(participant, activity, data, null);
        return (await Api.ProblemAsync(response, status)).ToJsonString();
    }

    public Task<HttpResponseMessage> FrameworkSubmitAsync(Api.Participant participant, Guid activity, object data, string? key) =>
        api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{activity}/responses", new { response_data = data }, token: participant.Token, idempotencyKey: key);

    public async Task<JsonElement> HubSubmitAsync(Api.Participant participant, Guid activity, object data, string? key) =>
        await (await HubAsync(participant)).InvokeAsync("SubmitResponse", activity, data, key ?? Guid.NewGuid().ToString());

    private readonly Dictionary<int, SessionHubClient> _byParticipant = [];

    private async Task<SessionHubClient> HubAsync(Api.Participant participant)
    {
        if (_byParticipant.TryGetValue(participant.Id, out var hub)) return hub;
        hub = await factory.JoinedAsync(participant.SessionId, participant.Token);
        _hubs.Add(hub);
        return _byParticipant[participant.Id] = hub;
    }

    public async Task<JsonNode> ResultsAsync(Guid activity) => (await api.GetJsonAsync($"/api/v1/activities/{activity}/results"))["results"]!;

    public async Task<JsonNode> FrameworkResultsAsync(Guid activity) => (await api.GetJsonAsync($"/api/v1/activities/{activity}/status/framework"))["results"]!;

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs) await hub.DisposeAsync();
    }

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}

internal static class LegacyNodes
{
    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    public static Dictionary<string, int> Counts(this JsonNode node) =>
        node.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>());
}
