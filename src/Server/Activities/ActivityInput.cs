using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Infrastructure;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Server.Infrastructure;

namespace Conflicto.Server.Activities;

/// <summary>Shared checks of activity input on the legacy and framework routes.</summary>
internal static class ActivityInput
{
    public const int MaxTypeLength = 100;
    public const int MaxTitleLength = 500;
    public const int MaxDescriptionLength = 5000;

    public static void CheckType(Validation v, string field, string? type, bool required)
    {
        if (type is null) { v.AddIf(required, field, $"{field} is required"); return; }
        v.AddIf(string.IsNullOrWhiteSpace(type), field, $"{field} must not be blank")
         .AddIf(type.Length > MaxTypeLength, field, $"{field} must be at most {MaxTypeLength} characters");
    }

    /// <summary>Checks a configuration document: a JSON object within the size limit and valid for its type.</summary>
    public static void CheckConfiguration(Validation v, string field, string type, JsonElement configuration, LimitsOptions limits, out bool tooLarge)
    {
        tooLarge = configuration.ValueKind != JsonValueKind.Undefined && configuration.GetRawText().Length > limits.MaxConfigurationBytes;
        if (tooLarge) return;
        if (configuration.ValueKind != JsonValueKind.Object) { v.Add(field, $"{field} must be a JSON object"); return; }
        foreach (var error in ActivityTypeCatalog.Validate(type, configuration).Errors.Concat(Media.MediaReferences.Errors(configuration))) v.Add(field, error);
    }

    public static void CheckMetadata(Validation v, JsonElement? metadata, LimitsOptions limits)
    {
        if (metadata is not { } m || m.ValueKind == JsonValueKind.Null) return;
        v.AddIf(m.ValueKind != JsonValueKind.Object, "activity_metadata", "activity_metadata must be a JSON object")
         .AddIf(m.GetRawText().Length > limits.MaxConfigurationBytes, "activity_metadata", $"activity_metadata must be at most {limits.MaxConfigurationBytes} bytes");
    }

    public static void CheckLegacyStatus(Validation v, string? status) =>
        v.AddIf(status is not null && !LegacyStatuses.IsKnown(status), "status", $"status must be one of: {string.Join(", ", LegacyStatuses.All)}");

    public static JsonElement OrEmpty(JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } e ? e : Json.EmptyObject;
}
