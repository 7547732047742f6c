using System.Text.Json;

namespace Conflicto.Processing.Results;

/// <summary>Tolerant readers for response_data fields: a wrong shape reads as "absent", never throws.</summary>
public static class ResponseData
{
    public static string? String(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static int? Int(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    public static JsonElement? Array(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v : null;

    /// <summary>A scalar as text: strings as they are, numbers in their JSON form.</summary>
    public static string? Scalar(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) ? ScalarText(v) : null;

    public static string? ScalarText(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static IReadOnlyList<string> StringList(JsonElement configuration, string name) =>
        Array(configuration, name) is { } array ? array.EnumerateArray().Select(ScalarText).OfType<string>().ToList() : [];
}
