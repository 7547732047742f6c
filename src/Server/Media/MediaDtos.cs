using Conflicto.Data.Media;

namespace Conflicto.Server.Media;

/// <summary>An uploaded image: <c>url</c> is what an activity's configuration carries (<c>image_url</c>).</summary>
public sealed record MediaResponse(string Id, string Url, string ContentType, int Bytes, int Width, int Height, DateTime CreatedAt)
{
    public static string UrlOf(string id) => $"/api/v1/media/{id}";

    public static MediaResponse From(MediaRow row) =>
        new(row.Id, UrlOf(row.Id), row.ContentType, row.Bytes, row.Width, row.Height, row.CreatedAt);
}

/// <summary>A session's images and how much of its quota they use.</summary>
public sealed record MediaList(IReadOnlyList<MediaResponse> Items, int Count, long Bytes, int MaxCount, long MaxBytes);
