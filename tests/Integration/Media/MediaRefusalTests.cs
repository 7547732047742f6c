using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using static Conflicto.Tests.Integration.Media.MediaRequests;

namespace Conflicto.Tests.Integration.Media;

/// <summary>What is not a safe image, and who is not the host, is refused with the status docs/integrations.md names; nothing is stored.</summary>
public sealed class MediaRefusalTests(MediaApiFactory factory) : IClassFixture<MediaApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    public static TheoryData<string, string, int> Hostile => new()
    {
        { "elf", "image/png", 415 },
        { "pe", "image/png", 415 },
        { "svg", "image/svg+xml", 415 },
        { "zip", "image/png", 415 },
        { "bomb", "image/png", 422 },
        { "corrupt", "image/png", 422 },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HostileUpload_IsRefused_AndNothingIsStored(string kind, string declaredType, int status)
    {
        var session = await _api.CreateSessionAsync();
        var bytes = kind switch
        {
            "elf" => TestImages.Elf(),
            "pe" => TestImages.Pe(),
            "svg" => TestImages.Svg(),
            "zip" => TestImages.ZipBomb(),
            "bomb" => TestImages.PngDeclaring(50000, 50000),
            _ => TestImages.CorruptPng(),
        };
        Assert.True(bytes.Length < 200_000, $"{kind} is {bytes.Length} bytes: it must be refused for what it is, not for its size");

        var response = await UploadFileAsync(_api.Client, session.Id, bytes, "picture.png", declaredType, session.AdminCode);
        var problem = await Api.ProblemAsync(response, (HttpStatusCode)status);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/media", adminCode: session.AdminCode);
        Assert.Equal(0, list["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bomb_IsRefusedFromItsHeader_NamingTheDeclaredSize()
    {
        var session = await _api.CreateSessionAsync();
        var problem = await Api.ProblemAsync(
            await UploadRawAsync(_api.Client, session.Id, TestImages.PngDeclaring(50000, 50000), "image/png", session.AdminCode), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("50000×50000", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task OversizedUpload_Is413_RawOrMultipart()
    {
        var session = await _api.CreateSessionAsync();
        var big = TestImages.Png(8, 8).Concat(new byte[250_000]).ToArray(); // over Media:MaxUploadBytes=200000
        await Api.ProblemAsync(await UploadRawAsync(_api.Client, session.Id, big, "image/png", session.AdminCode), HttpStatusCode.RequestEntityTooLarge);
        await Api.ProblemAsync(await UploadFileAsync(_api.Client, session.Id, big, "big.png", "image/png", session.AdminCode), HttpStatusCode.RequestEntityTooLarge);
        // Above the server's general body limit (Limits:MaxBodyBytes, 256 kB) but within the upload limit is not refused by the general one:
        var withinUploadLimit = TestImages.Png(8, 8).Concat(new byte[150_000]).ToArray();
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, (await UploadRawAsync(_api.Client, session.Id, withinUploadLimit, "image/png", session.AdminCode)).StatusCode);
    }

    [Fact]
    public async Task EmptyBody_Is422()
    {
        var session = await _api.CreateSessionAsync();
        await Api.ProblemAsync(await UploadRawAsync(_api.Client, session.Id, [], "image/png", session.AdminCode), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task OnlyTheHost_MayUpload_ListOrDelete()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var png = TestImages.Png(16, 16);

        await Api.ProblemAsync(await UploadRawAsync(_api.Client, session.Id, png), HttpStatusCode.Unauthorized); // anonymous
        await Api.ProblemAsync(await UploadRawAsync(_api.Client, session.Id, png, query: $"?join_code={session.JoinCode}"), HttpStatusCode.Unauthorized); // a viewer has no credential here
        await Api.ProblemAsync(await UploadRawAsync(_api.Client, session.Id, png, token: alice.Token), HttpStatusCode.Forbidden); // a participant
        await Api.ProblemAsync(await UploadRawAsync(_api.Client, session.Id, png, adminCode: other.AdminCode), HttpStatusCode.Forbidden); // another host
        await Api.ProblemAsync(await UploadRawAsync(_api.Client, 999_999_999, png, adminCode: session.AdminCode), HttpStatusCode.NotFound);

        var created = await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, png, adminCode: session.AdminCode), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/media", token: alice.Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}/media/{id}"), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}/media/{id}", token: alice.Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{other.Id}/media/{id}", adminCode: other.AdminCode), HttpStatusCode.NotFound); // not that session's
        Assert.Equal(HttpStatusCode.OK, (await _api.Client.GetAsync($"/api/v1/media/{id}")).StatusCode);
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/media", adminCode: session.AdminCode);
        Assert.Equal(1, list["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Quota_RefusesTheImageOverIt_With409_UntilOneIsDeleted()
    {
        var session = await _api.CreateSessionAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) // Media:MaxFilesPerSession=3
            ids.Add((await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.Png(10 + i, 10), adminCode: session.AdminCode), HttpStatusCode.Created))["id"]!.GetValue<string>());

        var problem = await Api.ProblemAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.Png(9, 9), adminCode: session.AdminCode), HttpStatusCode.Conflict);
        Assert.Contains("quota", problem["detail"]!.GetValue<string>());
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/media", adminCode: session.AdminCode);
        Assert.Equal(3, list["count"]!.GetValue<int>());
        Assert.Equal(3, list["max_count"]!.GetValue<int>());

        // Another session has its own quota.
        var other = await _api.CreateSessionAsync();
        await Api.ReadAsync(await UploadRawAsync(_api.Client, other.Id, TestImages.Png(9, 9), adminCode: other.AdminCode), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}/media/{ids[0]}", adminCode: session.AdminCode)).StatusCode);
        await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.Png(9, 9), adminCode: session.AdminCode), HttpStatusCode.Created);
    }
}
