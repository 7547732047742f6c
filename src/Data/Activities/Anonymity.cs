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

    private static bool IsTrue(JsonElement configuration, string name) =>
        configuration.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
