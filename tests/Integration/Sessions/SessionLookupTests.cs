using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Sessions;

/// <summary>GET /api/v1/sessions/code/{code}: join (or qr) codes for everyone, admin codes for the host.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionLookupTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData("")]
    [InlineData("?code_type=join")]
    [InlineData("?code_type=qr")]
    [InlineData("?code_type=JOIN")]
    public async Task GetByCode_JoinCode_FindsSessionWithoutAdminCode(string query)
    {
        var session = await _api.CreateSessionAsync("Findable");

        var found = await _api.GetJsonAsync($"/api/v1/sessions/code/{session.JoinCode}{query}");

        Assert.Equal(session.Id, found["id"]!.GetValue<int>());
        Assert.Equal("Findable", found["title"]!.GetValue<string>());
        Assert.Null(found["admin_code"]);
    }

    [Fact]
    public async Task GetByCode_JoinCodeWithAdminHeader_StillHidesAdminCode()
    {
        var session = await _api.CreateSessionAsync();

        var found = await _api.GetJsonAsync($"/api/v1/sessions/code/{session.JoinCode}", adminCode: session.AdminCode);

        Assert.Null(found["admin_code"]);
    }

    [Fact]
    public async Task GetByCode_AdminCodeWithAdminType_ShowsAdminCode()
    {
        var session = await _api.CreateSessionAsync();

        var found = await _api.GetJsonAsync($"/api/v1/sessions/code/{session.AdminCode}?code_type=admin");

        Assert.Equal(session.Id, found["id"]!.GetValue<int>());
        Assert.Equal(session.AdminCode, found["admin_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetByCode_LowercaseCodes_AreFound()
    {
        var session = await _api.CreateSessionAsync();

        var byJoin = await _api.GetJsonAsync($"/api/v1/sessions/code/{session.JoinCode.ToLowerInvariant()}");
        var byAdmin = await _api.GetJsonAsync($"/api/v1/sessions/code/{session.AdminCode.ToLowerInvariant()}?code_type=admin");

        Assert.Equal(session.Id, byJoin["id"]!.GetValue<int>());
        Assert.Equal(session.Id, byAdmin["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task GetByCode_AdminCodeAsJoinCode_IsNotAccepted()
    {
        var session = await _api.CreateSessionAsync();

        // An admin code is 6 characters: as a join code it is malformed, so nothing leaks either way.
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/code/{session.AdminCode}"), HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("ABC", "")]
    [InlineData("ABCDEFGHJ", "")]
    [InlineData("ABCDEF01", "")]
    [InlineData("ABCD-EFG", "")]
    [InlineData("ABCDEFGH", "?code_type=admin")]
    [InlineData("ABCDE1", "?code_type=admin")]
    public async Task GetByCode_MalformedCode_Is422(string code, string query)
    {
        var problem = await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/code/{code}{query}"), HttpStatusCode.UnprocessableEntity);

        Assert.NotNull(problem["errors"]!["code"]);
    }

    [Theory]
    [InlineData("22222222", "")]
    [InlineData("222222", "?code_type=admin")]
    public async Task GetByCode_UnknownWellFormedCode_Is404(string code, string query)
    {
        // Codes are random; the chance that a test session drew this one is 31^-6 or less.
        var problem = await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/code/{code}{query}"), HttpStatusCode.NotFound);

        Assert.Null(problem["admin_code"]);
    }

    [Theory]
    [InlineData("host")]
    [InlineData("adminx")]
    [InlineData("participant")]
    public async Task GetByCode_UnknownCodeType_Is422(string codeType)
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/code/{session.JoinCode}?code_type={codeType}");

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["code_type"]);
    }
}
