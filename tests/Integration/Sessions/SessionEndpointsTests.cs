using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Sessions;

[Collection(ApiCollection.Name)]
public sealed class SessionEndpointsTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task CreateSession_ReturnsCodesOnce_AndListingNeverShowsAdminCode()
    {
        var session = await _api.CreateSessionAsync("Quarterly all-hands");

        Assert.Matches("^[A-Z2-9]{6}$", session.AdminCode);
        Assert.Matches("^[A-Z2-9]{8}$", session.JoinCode);
        var list = await _api.GetJsonAsync("/api/v1/sessions/?limit=1000");
        var listed = list["sessions"]!.AsArray().Single(s => s!["id"]!.GetValue<int>() == session.Id)!;
        Assert.Null(listed["admin_code"]);
        Assert.Equal(session.JoinCode, listed["qr_code"]!.GetValue<string>());
        Assert.True(list["total"]!.GetValue<int>() >= list["sessions"]!.AsArray().Count);
    }

    [Fact]
    public async Task UpdateSession_WithoutAdminCode_Is401_AndWithWrongCode_Is403()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { title = "x" }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { title = "x" }, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        var detail = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}");
        Assert.Equal("Test session", detail["title"]!.GetValue<string>());
    }
}
