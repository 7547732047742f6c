using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using static Conflicto.Tests.Integration.Media.MediaRequests;

namespace Conflicto.Tests.Integration.Media;

/// <summary>The per-session byte quota (Media:MaxBytesPerSession), counted on the stored bytes.</summary>
public sealed class MediaByteQuotaTests(MediaByteQuotaApiFactory factory) : IClassFixture<MediaByteQuotaApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ByteQuota_RefusesTheImageThatWouldExceedIt_With409_ButASmallOneStillFits()
    {
        var session = await _api.CreateSessionAsync();
        var first = await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.NoisePng(100, 100, seed: 1), adminCode: session.AdminCode), HttpStatusCode.Created);
        var firstBytes = first["bytes"]!.GetValue<int>();
        Assert.InRange(firstBytes, 25_001, 49_999); // the premise: one fits in 50000, two do not

        var problem = await Api.ProblemAsync(
            await UploadRawAsync(_api.Client, session.Id, TestImages.NoisePng(100, 100, seed: 2), adminCode: session.AdminCode), HttpStatusCode.Conflict);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("quota", detail);
        Assert.Contains($"{firstBytes} of 50000 bytes", detail);

        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/media", adminCode: session.AdminCode);
        Assert.Equal(1, list["count"]!.GetValue<int>()); // the count quota (10) was not what refused it
        Assert.Equal(firstBytes, list["bytes"]!.GetValue<long>());
        Assert.Equal(50000, list["max_bytes"]!.GetValue<long>());

        // A small image still fits in what is left.
        await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.Png(8, 8), adminCode: session.AdminCode), HttpStatusCode.Created);
    }
}

/// <summary>RateLimits:*Upload*: 429 with Retry-After per session and per address, only for the host, nothing stored.</summary>
public sealed class MediaRateLimitTests(MediaRateLimitApiFactory factory) : IClassFixture<MediaRateLimitApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Uploads_OverTheSessionOrAddressBucket_Are429_WithRetryAfter()
    {
        // Session bucket 2, address bucket 5 (every test request comes from one address), one token a minute.
        // An attempt the session's bucket refuses has taken the address's token: 3 of 5 after this session.
        var first = await _api.CreateSessionAsync();
        for (var i = 0; i < 2; i++)
            await Api.ReadAsync(await UploadRawAsync(_api.Client, first.Id, TestImages.Png(8 + i, 8), adminCode: first.AdminCode), HttpStatusCode.Created);
        var refused = await UploadRawAsync(_api.Client, first.Id, TestImages.Png(8, 9), adminCode: first.AdminCode);
        var problem = await Api.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("Too many uploads", problem["detail"]!.GetValue<string>());
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "429 without a Retry-After of at least a second");
        Assert.Equal(2, (await _api.GetJsonAsync($"/api/v1/sessions/{first.Id}/media", adminCode: first.AdminCode))["count"]!.GetValue<int>());

        // Someone who is not the host is refused for that, not counted: the session's bucket is not theirs to empty.
        await Api.ProblemAsync(await UploadRawAsync(_api.Client, first.Id, TestImages.Png(8, 8)), HttpStatusCode.Unauthorized);

        // Another session has its own bucket, but the address's (5) runs out after two more.
        var second = await _api.CreateSessionAsync();
        for (var i = 0; i < 2; i++)
            await Api.ReadAsync(await UploadRawAsync(_api.Client, second.Id, TestImages.Png(8 + i, 8), adminCode: second.AdminCode), HttpStatusCode.Created);
        var third = await _api.CreateSessionAsync();
        var byAddress = await UploadRawAsync(_api.Client, third.Id, TestImages.Png(8, 8), adminCode: third.AdminCode);
        await Api.ProblemAsync(byAddress, HttpStatusCode.TooManyRequests);
        Assert.NotNull(byAddress.Headers.RetryAfter);
        Assert.Equal(0, (await _api.GetJsonAsync($"/api/v1/sessions/{third.Id}/media", adminCode: third.AdminCode))["count"]!.GetValue<int>());
    }
}
