using Conflicto.Data.Media;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Media;

/// <summary>
/// Images for activity content (poll options, quiz questions, slide backgrounds): the host uploads,
/// lists and deletes them; anyone holding an image's URL reads it (the id is 128 random bits, and an
/// <c>img</c> element cannot send a credential). See docs/integrations.md#media-uploads.
/// </summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value;
        var sessions = routes.MapGroup("/api/v1/sessions").WithTags("Media");
        sessions.MapPost("/{sessionId}/media", UploadAsync)
            .WithName("UploadMedia").RequiresAdminCode().ProducesProblems(404, 409, 413, 415, 422, 429)
            .WithMetadata(new BodySizeLimit(options.MaxUploadBytes + MediaUploads.MultipartOverhead))
            .Accepts<IFormFile>("multipart/form-data", "image/png", "image/jpeg", "image/gif", "image/webp", "application/octet-stream")
            .WithSummary("Upload an image (PNG, JPEG, GIF or WebP) for the session's activities")
            .WithDescription("Host only. The body is the image itself, or multipart/form-data with the image in the field \"file\". "
                + "The type is read from the bytes, never from the file name or Content-Type; the image is decoded, scaled down to Media:MaxDimension, "
                + "stripped of metadata (EXIF, GPS) and of every frame but the first, and encoded again (a GIF is stored as PNG). 413 too large, 415 not an allowed image, 422 undecodable or too many pixels, "
                + "409 the session's quota is full, 429 too many uploads from the address or to the session (Retry-After). See docs/integrations.md#media-uploads.");
        sessions.MapGet("/{sessionId}/media", ListAsync)
            .WithName("ListMedia").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("The session's uploaded images and its quota use");
        sessions.MapDelete("/{sessionId}/media/{mediaId}", DeleteAsync)
            .WithName("DeleteMedia").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("Delete an uploaded image (activities that show it then show none)");
        routes.MapGet("/api/v1/media/{mediaId}", ReadAsync).WithTags("Media")
            .WithName("GetMedia").Public().ProducesProblems(404).Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status200OK, contentType: "image/png", additionalContentTypes: ["image/jpeg", "image/gif", "image/webp"])
            .WithSummary("An uploaded image, by its unguessable id")
            .WithDescription("Public: the id is the capability. Immutable: Cache-Control immutable, ETag (If-None-Match → 304), nosniff, "
                + "Content-Security-Policy default-src 'none'.");
        return routes;
    }

    public static async Task<Results<Created<MediaResponse>, ProblemHttpResult>> UploadAsync(
        int sessionId, HttpRequest request, Caller caller, SessionStore sessions, MediaUploads uploads, MediaUploadLimits limits, CancellationToken ct)
    {
        if (await HostOnlyAsync(sessionId, caller, sessions, ct) is { } denied) return Logged(request, sessionId, denied);
        if (!limits.TryUpload(request.HttpContext, sessionId, out var wait))
        {
            request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Logged(request, sessionId, Problems.TooManyRequests(
                $"Too many uploads from your address or to session {sessionId} right now (RateLimits:AddressUploadsPerMinute, RateLimits:SessionUploadsPerMinute): try again in {Math.Ceiling(wait.TotalSeconds)} s."));
        }
        return await uploads.UploadAsync(sessionId, request, ct);
    }

    public static async Task<Results<Ok<MediaList>, ProblemHttpResult>> ListAsync(
        int sessionId, Caller caller, SessionStore sessions, MediaRepository media, IOptions<MediaOptions> options, CancellationToken ct)
    {
        if (await HostOnlyAsync(sessionId, caller, sessions, ct) is { } denied) return denied;
        var rows = await media.ListAsync(sessionId, ct);
        return TypedResults.Ok(new MediaList(rows.Select(MediaResponse.From).ToList(), rows.Count, rows.Sum(r => (long)r.Bytes),
            options.Value.MaxFilesPerSession, options.Value.MaxBytesPerSession));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int sessionId, string mediaId, HttpRequest request, Caller caller, SessionStore sessions, MediaRepository media, IMediaStore store, CancellationToken ct)
    {
        if (await HostOnlyAsync(sessionId, caller, sessions, ct) is { } denied) return Logged(request, sessionId, denied);
        if (!MediaIds.IsWellFormed(mediaId) || !await media.DeleteAsync(sessionId, mediaId, ct))
            return Logged(request, sessionId, Problems.NotFound($"Session {sessionId} has no image {mediaId}."));
        await store.DeleteAsync(mediaId, ct);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> ReadAsync(string mediaId, HttpContext context, MediaRepository media, IMediaStore store, CancellationToken ct)
    {
        var row = MediaIds.IsWellFormed(mediaId) ? await media.GetAsync(mediaId, ct) : null;
        var content = row is null ? null : await store.GetAsync(mediaId, ct);
        if (row is null || content is null) return Problems.NotFound("No such image.");

        var headers = context.Response.Headers;
        var etag = $"\"{row.Sha256}\"";
        headers.ETag = etag;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && (v.Contains(etag, StringComparison.Ordinal) || v.Trim() == "*")))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(content, row.ContentType);
    }

    /// <summary>
    /// docs/security.md's rule: an unknown session is 404 (unless the caller is its host); a participant's
    /// token without an admin code is 403 (a credential that does not grant this), no credential 401,
    /// another session's admin code 403.
    /// </summary>
    private static async Task<ProblemHttpResult?> HostOnlyAsync(int sessionId, Caller caller, SessionStore sessions, CancellationToken ct)
    {
        if (caller.IsHostOf(sessionId)) return null;
        if (await sessions.GetAsync(sessionId, ct) is null) return Problems.NotFound($"Session {sessionId} not found.");
        if (caller.SentToken && !caller.SentAdminCode)
            return Problems.Forbidden($"Media are the host's: a participant token does not grant this. Send the session's admin code in {Caller.AdminCodeHeader}.");
        return AccessRules.Host(caller, sessionId);
    }

    private static ProblemHttpResult Logged(HttpRequest request, int sessionId, ProblemHttpResult problem)
    {
        request.HttpContext.RequestServices.GetRequiredService<ILogger<MediaUploads>>().LogWarning(
            "{Method} media of session {SessionId} refused with {StatusCode}: {Reason}",
            request.Method, sessionId, problem.StatusCode, problem.ProblemDetails.Detail);
        return problem;
    }
}
