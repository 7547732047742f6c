using System.Text.Json;

namespace Conflicto.Data.Activities;

/// <summary>
/// When an active activity expires: <c>time_limit_seconds</c> (or <c>duration_seconds</c>) in its
/// configuration, and the legacy framework's <c>duration_seconds</c> in its activity_metadata,
/// counted from activation; the shortest wins. A limit that is absent, null, 0 or not a positive
/// integer is off.
/// </summary>
public static class ActivityTimers
{
    public static DateTime? ExpiresAt(JsonElement configuration, DateTime activatedAt) => ExpiresAt(configuration, default, activatedAt);

    public static DateTime? ExpiresAt(JsonElement configuration, JsonElement metadata, DateTime activatedAt)
    {
        int? shortest = null;
        foreach (var seconds in (int?[])[Seconds(configuration, "time_limit_seconds"), Seconds(configuration, "duration_seconds"), Seconds(metadata, "duration_seconds")])
        {
            if (seconds is { } s && (shortest is null || s < shortest)) shortest = s;
        }
        return shortest is { } limit ? activatedAt.AddSeconds(limit) : null;
    }

    private static int? Seconds(JsonElement document, string name) =>
        document.ValueKind == JsonValueKind.Object && document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt32(out var seconds) && seconds > 0 ? seconds : null;
}
