using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Activities;

/// <summary>Shortcuts the activity and response tests share, on top of <see cref="Api"/>.</summary>
public static class ActivityTestApi
{
    public static object Poll(params string[] options) => new { question = "Which one?", options };

    public static Task<HttpResponseMessage> CreateLegacyAsync(this Api api, Api.Session session, object body, string? adminCode = null) =>
        api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities", body, adminCode: adminCode ?? session.AdminCode);

    public static async Task<JsonNode> CreateLegacyOkAsync(this Api api, Api.Session session, object body) =>
        await Api.ReadAsync(await api.CreateLegacyAsync(session, body), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> TransitionRawAsync(this Api api, Api.Session session, Guid activityId, object body) =>
        api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{activityId}/transition", body, adminCode: session.AdminCode);

    /// <param name="adminCode">Send it to read a draft: anyone else gets only its stub (or 404 for its results and status).</param>
    public static Task<JsonNode> ActivityAsync(this Api api, Guid activityId, string? adminCode = null) =>
        api.GetJsonAsync($"/api/v1/activities/{activityId}", adminCode: adminCode);

    public static Task<JsonNode> ResultsAsync(this Api api, Guid activityId, string? adminCode = null) =>
        api.GetJsonAsync($"/api/v1/activities/{activityId}/results", adminCode: adminCode);

    public static Task<JsonNode> FrameworkStatusAsync(this Api api, Guid activityId, string? adminCode = null) =>
        api.GetJsonAsync($"/api/v1/activities/{activityId}/status/framework", adminCode: adminCode);

    /// <summary>Submits through the session route and expects 201; returns the stored response.</summary>
    public static async Task<JsonNode> SubmitOkAsync(this Api api, Api.Participant participant, Guid activityId, object responseData) =>
        await Api.ReadAsync(await api.SubmitAsync(participant, activityId, responseData), HttpStatusCode.Created);

    public static async Task<Guid> SubmitIdAsync(this Api api, Api.Participant participant, Guid activityId, object responseData) =>
        Guid.Parse((await api.SubmitOkAsync(participant, activityId, responseData))["id"]!.GetValue<string>());

    public static async Task<Api.Participant[]> JoinManyAsync(this Api api, Api.Session session, int count)
    {
        var participants = new Api.Participant[count];
        for (var i = 0; i < count; i++) participants[i] = await api.JoinAsync(session, $"Player {i + 1}");
        return participants;
    }

    public static string[] Strings(this JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());
}
