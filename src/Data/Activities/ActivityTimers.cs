using System.Text.Json;

namespace Conflicto.Data.Activities;

/// <summary>An activity with <c>time_limit_seconds</c> (or <c>duration_seconds</c>) in its configuration expires that long after it goes active.</summary>
public static class ActivityTimers
{
    public static DateTime? ExpiresAt(JsonElement configuration, DateTime activatedAt)
    {
        if (configuration.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in (string[])["time_limit_seconds", "duration_seconds"])
        {
            if (configuration.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
                && value.TryGetInt32(out var seconds) && seconds > 0)
                return activatedAt.AddSeconds(seconds);
        }
        return null;
    }
}
