using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conflicto.Tests.Integration.Flow;

/// <summary>Shortcuts for the flow of a live session: the views of its current activity, legacy activity routes.</summary>
internal static class FlowTesting
{
    /// <summary>
    /// Asserts that every view of the session's current activity says <paramref name="expected"/>:
    /// <c>/status</c> (polled, so its cache is exercised too), <c>/activities/active</c>,
    /// <c>GET /sessions/{id}</c>, and a fresh hub snapshot.
    /// </summary>
    public static async Task AssertCurrentAsync(this WebApplicationFactory<Program> factory, Api api, Api.Session session, Guid? expected)
    {
        var status = await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status");
        var active = await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/active");
        var detail = await api.GetJsonAsync($"/api/v1/sessions/{session.Id}", adminCode: session.AdminCode);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        var snapshot = host.LastJoin!.Value.GetProperty("snapshot").GetProperty("session").GetProperty("current_activity_id");

        Assert.Equal(expected, IdOf(status["current_activity_id"]));
        Assert.Equal(expected, active is JsonObject o ? IdOf(o["id"]) : null);
        Assert.Equal(expected, IdOf(detail["current_activity_id"]));
        Assert.Equal(expected, snapshot.ValueKind == JsonValueKind.Null ? null : snapshot.GetGuid());
    }

    public static async Task<string> StateAsync(this Api api, Guid activityId) =>
        (await api.GetJsonAsync($"/api/v1/activities/{activityId}"))["state"]!.GetValue<string>();

    /// <summary>Creates an activity through the legacy route, in the given legacy status.</summary>
    public static async Task<Guid> CreateLegacyAsync(this Api api, Api.Session session, string status = "draft")
    {
        var response = await api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities",
            new { type = "poll", config = new { question = "Which?", options = new[] { "A", "B" } }, status }, adminCode: session.AdminCode);
        return Guid.Parse((await Api.ReadAsync(response, HttpStatusCode.Created))["id"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> PatchStatusAsync(this Api api, Api.Session session, Guid activityId, string status, bool? keepOthersOpen = null) =>
        api.SendAsync(HttpMethod.Patch,
            $"/api/v1/activities/{activityId}/status?status={status}" + (keepOthersOpen is { } keep ? $"&keep_others_open={(keep ? "true" : "false")}" : ""),
            adminCode: session.AdminCode);

    public static Task<HttpResponseMessage> TransitionRawAsync(this Api api, Api.Session session, Guid activityId, string target, bool force = false, bool? keepOthersOpen = null) =>
        api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{activityId}/transition",
            new { target_state = target, force, keep_others_open = keepOthersOpen }, adminCode: session.AdminCode);

    /// <summary>The session's events after <paramref name="after"/>, as the host reads them over REST.</summary>
    public static async Task<IReadOnlyList<JsonNode>> EventsAfterAsync(this Api api, Api.Session session, long after) =>
        (await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events?after={after}", adminCode: session.AdminCode))["events"]!.AsArray().Select(e => e!).ToList();

    private static Guid? IdOf(JsonNode? node) => node is null ? null : Guid.Parse(node.GetValue<string>());
}
