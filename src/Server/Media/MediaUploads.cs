using System.Security.Cryptography;
using Conflicto.Data.Media;
using Conflicto.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Media;

/// <summary>
/// One upload, from the request body to the store: read within <see cref="MediaOptions.MaxUploadBytes"/>
/// (413), sanitized (415, 422, <see cref="ImageSanitizer"/>), counted against the session's quota
/// (409), then stored. Every refusal is logged with its reason.
/// </summary>
public sealed class MediaUploads(
    IOptions<MediaOptions> options, ImageSanitizer sanitizer, MediaRepository media, IMediaStore store, ILogger<MediaUploads> logger)
{
    /// <summary>The multipart form field that carries the file (any other file field is taken when it is missing).</summary>
    public const string FileField = "file";

    /// <summary>Room for a multipart envelope around the largest file.</summary>
    public const int MultipartOverhead = 64 * 1024;

    private readonly MediaOptions _options = options.Value;

    public async Task<Results<Created<MediaResponse>, ProblemHttpResult>> UploadAsync(int sessionId, HttpRequest request, CancellationToken ct)
    {
        var (upload, problem) = await ReadAsync(request, ct);
        if (problem is not null) return Refused(sessionId, problem.ProblemDetails.Status!.Value, problem.ProblemDetails.Detail!, problem);

        var (image, refusal) = await sanitizer.SanitizeAsync(upload!, ct);
        if (refusal is not null)
            return Refused(sessionId, refusal.Status, refusal.Reason,
                TypedResults.Problem(refusal.Reason, statusCode: refusal.Status, title: refusal.Status == 415 ? "Unsupported media type" : "Unprocessable image"));

        var row = new MediaRow(MediaIds.New(), sessionId, image!.ContentType, image.Content.Length, image.Width, image.Height,
            Convert.ToHexStringLower(SHA256.HashData(image.Content)), DateTime.UtcNow);
        var (status, usage) = await media.TryAddAsync(row, _options.MaxFilesPerSession, _options.MaxBytesPerSession, ct);
        if (status == MediaAddStatus.SessionNotFound) return Refused(sessionId, 404, "the session is gone", Problems.NotFound($"Session {sessionId} not found."));
        if (status == MediaAddStatus.QuotaExceeded)
        {
            var detail = $"The session's media quota is full: {usage.Count} of {_options.MaxFilesPerSession} images, {usage.Bytes} of {_options.MaxBytesPerSession} bytes "
                + $"used, and this image takes {row.Bytes} bytes. Delete an image (DELETE /api/v1/sessions/{sessionId}/media/{{id}}) first.";
            return Refused(sessionId, 409, detail, Problems.Conflict(detail));
        }

        try
        {
            await store.PutAsync(row.Id, image.Content, ct);
        }
        catch
        {
            await media.DeleteAsync(sessionId, row.Id, CancellationToken.None); // no row without its bytes
            throw;
        }
        logger.LogInformation("Media {MediaId} uploaded to session {SessionId}: {ContentType} {Width}x{Height}, {Bytes} bytes stored of {UploadBytes} sent, first of {SourceFrames} frames",
            row.Id, sessionId, row.ContentType, row.Width, row.Height, row.Bytes, upload!.Length, image.SourceFrames);
        var response = MediaResponse.From(row);
        return TypedResults.Created(response.Url, response);
    }

    private async Task<(byte[]? Upload, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var max = _options.MaxUploadBytes;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException e)
            {
                return (null, Validation.Problem(FileField, $"The multipart body could not be read: {e.Message}"));
            }
            var file = form.Files.GetFile(FileField) ?? form.Files.FirstOrDefault();
            if (file is null) return (null, Validation.Problem(FileField, $"The multipart body has no file: send the image in the form field \"{FileField}\"."));
            if (file.Length > max) return (null, TooLarge(file.Length));
            if (file.Length == 0) return (null, Validation.Problem(FileField, "The file is empty."));
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            return (buffer.ToArray(), null);
        }

        if (request.ContentLength > max) return (null, TooLarge(request.ContentLength.Value));
        using var body = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            body.Write(chunk, 0, read);
            if (body.Length > max) return (null, TooLarge(body.Length));
        }
        if (body.Length == 0) return (null, Validation.Problem("body", "The body is empty: send the image as the body, or as multipart/form-data in the field \"file\"."));
        return (body.ToArray(), null);
    }

    private ProblemHttpResult TooLarge(long bytes) =>
        Problems.TooLarge($"The image is {bytes} bytes or more; uploads may be at most {_options.MaxUploadBytes} bytes (Media:MaxUploadBytes).");

    private ProblemHttpResult Refused(int sessionId, int status, string reason, ProblemHttpResult problem)
    {
        logger.LogWarning("Media upload to session {SessionId} refused with {StatusCode}: {Reason}", sessionId, status, reason);
        return problem;
    }
}
