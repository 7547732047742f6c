using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using static Conflicto.Tests.Integration.Media.MediaRequests;

namespace Conflicto.Tests.Integration.Media;

/// <summary>A real image goes in, comes back re-encoded without its EXIF, and is served as an immutable, non-sniffable image.</summary>
public sealed class MediaUploadTests(MediaApiFactory factory) : IClassFixture<MediaApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task RealJpeg_IsAccepted_ServedWithItsHeaders_AndWithoutExif()
    {
        var session = await _api.CreateSessionAsync();
        var jpeg = TestImages.JpegWithExif();
        Assert.Contains(TestImages.CameraMaker, System.Text.Encoding.ASCII.GetString(jpeg)); // the test's own premise

        var created = await Api.ReadAsync(await UploadFileAsync(_api.Client, session.Id, jpeg, "holiday.jpg", "image/jpeg", session.AdminCode), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/media/{id}", created["url"]!.GetValue<string>());
        Assert.Equal("image/jpeg", created["content_type"]!.GetValue<string>());
        Assert.Equal(64, created["width"]!.GetValue<int>());
        Assert.Equal(48, created["height"]!.GetValue<int>());

        var served = await _api.Client.GetAsync(created["url"]!.GetValue<string>()); // anonymous: the id is the capability
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'", served.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(served.Headers.CacheControl?.Public);
        Assert.Contains("immutable", served.Headers.CacheControl!.Extensions.Select(e => e.Name));
        Assert.NotNull(served.Headers.ETag);

        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal(created["bytes"]!.GetValue<int>(), bytes.Length);
        Assert.DoesNotContain(TestImages.CameraMaker, System.Text.Encoding.ASCII.GetString(bytes));
        Assert.DoesNotContain("Exif\0\0", System.Text.Encoding.ASCII.GetString(bytes));
        Assert.Equal(64, TestImages.Identify(bytes).Width);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/media/{id}");
        again.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        var notModified = await _api.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task RawPngBody_IsAccepted_AndALargeOneIsScaledDown()
    {
        var session = await _api.CreateSessionAsync();
        var created = await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.Png(600, 300), "image/png", session.AdminCode), HttpStatusCode.Created);
        Assert.Equal("image/png", created["content_type"]!.GetValue<string>());
        Assert.Equal(256, created["width"]!.GetValue<int>()); // Media:MaxDimension
        Assert.Equal(128, created["height"]!.GetValue<int>());
        var bytes = await _api.Client.GetByteArrayAsync(created["url"]!.GetValue<string>());
        var info = TestImages.Identify(bytes);
        Assert.Equal((256, 128), (info.Width, info.Height));
    }

    /// <summary>WebP stays WebP; a GIF is stored as PNG (Skia has no GIF encoder; PNG keeps its colours and transparency).</summary>
    [Theory]
    [InlineData("gif", "image/png")]
    [InlineData("webp", "image/webp")]
    public async Task GifAndWebP_AreAccepted_WebPInItsOwnFormat_GifAsPng(string format, string contentType)
    {
        var session = await _api.CreateSessionAsync();
        var created = await Api.ReadAsync(await UploadFileAsync(_api.Client, session.Id, TestImages.Encoded(format), $"picture.{format}", "application/octet-stream", session.AdminCode), HttpStatusCode.Created);
        Assert.Equal(contentType, created["content_type"]!.GetValue<string>());
        var served = await _api.Client.GetAsync(created["url"]!.GetValue<string>());
        Assert.Equal(contentType, served.Content.Headers.ContentType?.MediaType);
        var info = TestImages.Identify(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal((40, 30), (info.Width, info.Height));
    }

    [Fact]
    public async Task DeclaredTypeAndFileName_DoNotDecide_TheBytesDo()
    {
        var session = await _api.CreateSessionAsync();
        // A PNG sent as a .txt with text/plain is a PNG.
        var created = await Api.ReadAsync(await UploadFileAsync(_api.Client, session.Id, TestImages.Png(20, 20), "notes.txt", "text/plain", session.AdminCode), HttpStatusCode.Created);
        Assert.Equal("image/png", created["content_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownOrDeletedMedia_Is404()
    {
        var session = await _api.CreateSessionAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Client.GetAsync("/api/v1/media/AAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Client.GetAsync("/api/v1/media/not-an-id")).StatusCode);

        var created = await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.Png(10, 10), adminCode: session.AdminCode), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}/media/{id}", adminCode: session.AdminCode)).StatusCode);
        await Api.ProblemAsync(await _api.Client.GetAsync($"/api/v1/media/{id}"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}/media/{id}", adminCode: session.AdminCode), HttpStatusCode.NotFound);
    }
}
