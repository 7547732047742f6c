using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using static Conflicto.Tests.Integration.Media.MediaRequests;

namespace Conflicto.Tests.Integration.Media;

/// <summary>Media:Storage=Folder keeps the bytes as files named by media id; the API is the same.</summary>
public sealed class FolderMediaStoreTests(FolderMediaApiFactory factory) : IClassFixture<FolderMediaApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Upload_WritesAFile_ServesIt_AndDeleteRemovesIt()
    {
        var session = await _api.CreateSessionAsync();
        var created = await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.JpegWithExif(), "image/jpeg", session.AdminCode), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var path = Path.Combine(FolderMediaApiFactory.FolderPath, id);
        Assert.True(File.Exists(path));

        var served = await _api.Client.GetByteArrayAsync($"/api/v1/media/{id}");
        Assert.Equal(await File.ReadAllBytesAsync(path), served);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}/media/{id}", adminCode: session.AdminCode)).StatusCode);
        Assert.False(File.Exists(path));
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Client.GetAsync($"/api/v1/media/{id}")).StatusCode);
    }

    [Fact]
    public async Task DeletingTheSession_RemovesItsFiles_AndLeavesOtherSessionsFiles()
    {
        var doomed = await _api.CreateSessionAsync();
        var kept = await _api.CreateSessionAsync();
        var doomedPath = await UploadAsync(doomed);
        var keptPath = await UploadAsync(kept);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{doomed.Id}", adminCode: doomed.AdminCode)).StatusCode);

        // Media:FolderSweepSeconds=1: the sweeper finds the file without a row.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (File.Exists(doomedPath) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.False(File.Exists(doomedPath), "the deleted session's file is still in the folder after 30 s");
        Assert.True(File.Exists(keptPath));
        Assert.Equal(HttpStatusCode.OK, (await _api.Client.GetAsync($"/api/v1/media/{Path.GetFileName(keptPath)}")).StatusCode);
    }

    private async Task<string> UploadAsync(Api.Session session)
    {
        var created = await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.Png(12, 12), "image/png", session.AdminCode), HttpStatusCode.Created);
        var path = Path.Combine(FolderMediaApiFactory.FolderPath, created["id"]!.GetValue<string>());
        Assert.True(File.Exists(path));
        return path;
    }
}
