using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conflicto.Server.Media;

/// <summary>
/// The rule for images in an activity's configuration (docs/integrations.md#images-in-activities):
/// <c>image_url</c>, <c>background_image_url</c> and each of <c>option_images</c> (one per option,
/// or null) must be this server's media path, <c>/api/v1/media/{id}</c>, as an upload returns it.
/// The web client shows nothing else, and the server refuses anything else (422), so a configuration
/// cannot make every phone in the room load a third party's URL (and tell it who is in the room).
/// A quiz question's <c>image_url</c> is the quiz schema's: an https URL or such a path.
/// </summary>
public static partial class MediaReferences
{
    public static readonly string[] SingleKeys = ["image_url", "background_image_url"];
    public const string OptionImagesKey = "option_images";
    public const int MaxOptionImages = 100;

    public static bool IsMediaPath(string? value) => value is not null && MediaPath().IsMatch(value);

    /// <summary>What breaks the rule in <paramref name="configuration"/> (a JSON object), for a 422's errors.</summary>
    public static IEnumerable<string> Errors(JsonElement configuration)
    {
        if (configuration.ValueKind != JsonValueKind.Object) yield break;
        foreach (var key in SingleKeys)
        {
            if (!configuration.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            if (value.ValueKind != JsonValueKind.String || !IsMediaPath(value.GetString()))
                yield return $"{key} must be an uploaded image's url, /api/v1/media/{{id}} (POST /api/v1/sessions/{{sessionId}}/media returns it); other URLs are not shown";
        }
        if (!configuration.TryGetProperty(OptionImagesKey, out var images) || images.ValueKind == JsonValueKind.Null) yield break;
        if (images.ValueKind != JsonValueKind.Array || images.GetArrayLength() > MaxOptionImages)
        {
            yield return $"{OptionImagesKey} must be an array of at most {MaxOptionImages} entries, one per option: an uploaded image's url or null";
            yield break;
        }
        var index = 0;
        foreach (var image in images.EnumerateArray())
        {
            if (image.ValueKind != JsonValueKind.Null && (image.ValueKind != JsonValueKind.String || !IsMediaPath(image.GetString())))
                yield return $"{OptionImagesKey}[{index}] must be an uploaded image's url, /api/v1/media/{{id}}, or null";
            index++;
        }
    }

    [GeneratedRegex("^/api/v1/media/[A-Za-z0-9_-]{22}$", RegexOptions.CultureInvariant)]
    private static partial Regex MediaPath();
}
