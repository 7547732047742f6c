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
}
