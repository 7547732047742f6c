using System.Net.Http.Headers;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Media;

/// <summary>Small media limits, so the tests reach them with small images.</summary>
public sealed class MediaApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Media:MaxUploadBytes"] = "200000",
    ["Media:MaxDimension"] = "256",
    ["Media:MaxFilesPerSession"] = "3",
    ["Media:MaxPixels"] = "4000000",
});

/// <summary>A byte quota that two noisy 100×100 PNGs (about 30 kB each) exceed, and a count quota they do not reach.</summary>
public sealed class MediaByteQuotaApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Media:MaxBytesPerSession"] = "50000",
    ["Media:MaxFilesPerSession"] = "10",
});

/// <summary>Rate limits on, with small upload buckets that refill once a minute (so not during a test).</summary>
public sealed class MediaRateLimitApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["RateLimits:Enabled"] = "true",
    ["RateLimits:SessionUploadBurst"] = "2",
    ["RateLimits:SessionUploadsPerMinute"] = "1",
    ["RateLimits:AddressUploadBurst"] = "5",
    ["RateLimits:AddressUploadsPerMinute"] = "1",
});

/// <summary>The bytes in a folder, swept every second.</summary>
public sealed class FolderMediaApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Media:Storage"] = "Folder",
    ["Media:Folder"] = FolderPath,
    ["Media:FolderSweepSeconds"] = "1",
})
{
    public static readonly string FolderPath = Path.Combine(Path.GetTempPath(), "conflicto-media-tests-" + Guid.NewGuid().ToString("N"));
}

/// <summary>Uploading as the tests do it: the raw body, or multipart with a file name and a declared type.</summary>
public static class MediaRequests
{
    public static async Task<HttpResponseMessage> UploadRawAsync(HttpClient client, int sessionId, byte[] body, string contentType = "application/octet-stream",
        string? adminCode = null, string? token = null, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sessions/{sessionId}/media{query}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        Authorize(request, adminCode, token);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> UploadFileAsync(HttpClient client, int sessionId, byte[] file, string fileName, string declaredType, string adminCode)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        content.Add(part, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sessions/{sessionId}/media") { Content = content };
        Authorize(request, adminCode, null);
        return await client.SendAsync(request);
    }

    private static void Authorize(HttpRequestMessage request, string? adminCode, string? token)
    {
        if (adminCode is not null) request.Headers.Add("X-Admin-Code", adminCode);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}
