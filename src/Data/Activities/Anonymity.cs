using System.Text.Json;

namespace Conflicto.Data.Activities;

/// <summary>
/// An activity configured with <c>anonymous_voting</c> or <c>allow_anonymous</c> never reveals who
/// responded: its response events carry no participant id and read APIs mask it.
/// </summary>
public static class Anonymity
{
    public static bool IsAnonymous(JsonElement configuration) =>
        configuration.ValueKind == JsonValueKind.Object
        && (IsTrue(configuration, "anonymous_voting") || IsTrue(configuration, "allow_anonymous") || IsTrue(configuration, "anonymous"));

    /// <summary>
    /// Whether a response written now is anonymous: its activity is, or the response itself asks to
    /// be (a legacy qna question's <c>"anonymous": true</c>). Decided once, when the response is
    /// written, and stored with it (<c>user_responses.anonymous</c>); migration 0012 backfills
    /// older rows with the same rule.
    /// </summary>
    public static bool IsAnonymous(JsonElement configuration, JsonElement responseData) =>
        IsAnonymous(configuration) || (responseData.ValueKind == JsonValueKind.Object && IsTrue(responseData, "anonymous"));

    private static bool IsTrue(JsonElement configuration, string name) =>
        configuration.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
