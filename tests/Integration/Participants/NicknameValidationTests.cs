using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Participants;

/// <summary>GET /api/v1/sessions/{id}/nicknames/validate: would this nickname be taken as is?</summary>
[Collection(ApiCollection.Name)]
public sealed class NicknameValidationTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ValidateNickname_FreeNickname_IsAvailableWithoutSuggestion()
    {
        var session = await _api.CreateSessionAsync();
        await _api.JoinAsync(session, "Bob");

        var result = await ValidateAsync(session.Id, "Ada");

        Assert.True(result["available"]!.GetValue<bool>());
        Assert.Null(result["suggested_nickname"]);
    }

    [Fact]
    public async Task ValidateNickname_TakenNickname_IsUnavailableWithTheNameAJoinWouldGet()
    {
        var session = await _api.CreateSessionAsync();
        await _api.JoinAsync(session, "Ada");
        await _api.JoinAsync(session, "Ada");

        var result = await ValidateAsync(session.Id, "ADA");
        var joined = await _api.JoinAsync(session, "ADA");

        Assert.False(result["available"]!.GetValue<bool>());
        Assert.Equal("ADA 3", result["suggested_nickname"]!.GetValue<string>());
        Assert.Equal(joined.Nickname, result["suggested_nickname"]!.GetValue<string>());
    }

    [Fact]
    public async Task ValidateNickname_TakenLongNickname_SuggestsAShortenedFreeName()
    {
        var session = await _api.CreateSessionAsync();
        var nickname = new string('y', 50);
        await _api.JoinAsync(session, nickname);
        await _api.JoinAsync(session, nickname);

        var result = await ValidateAsync(session.Id, nickname);

        Assert.Equal(new string('y', 48) + " 3", result["suggested_nickname"]!.GetValue<string>());
        Assert.Equal(result["suggested_nickname"]!.GetValue<string>(), (await _api.JoinAsync(session, nickname)).Nickname);
    }

    [Fact]
    public async Task ValidateNickname_SameNameInAnotherSession_IsAvailable()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        await _api.JoinAsync(other, "Ada");

        Assert.True((await ValidateAsync(session.Id, "Ada"))["available"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ValidateNickname_NormalisesBeforeChecking()
    {
        var session = await _api.CreateSessionAsync();
        await _api.JoinAsync(session, "Ada Lovelace");

        var result = await ValidateAsync(session.Id, "  Ada   Lovelace ");

        Assert.False(result["available"]!.GetValue<bool>());
        Assert.Equal("Ada Lovelace 2", result["suggested_nickname"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("%20%20")]
    [InlineData("%3Cscript%3E")]
    [InlineData("bad%07bell")]
    [InlineData("nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn")]
    public async Task ValidateNickname_InvalidNickname_Is422(string encoded)
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/nicknames/validate?nickname={encoded}");

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["nickname"]);
    }

    [Fact]
    public async Task ValidateNickname_MissingNickname_Is422()
    {
        var session = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/nicknames/validate"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ValidateNickname_UnknownSession_Is404()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/987654321/nicknames/validate?nickname=Ada"), HttpStatusCode.NotFound);
    }

    private Task<System.Text.Json.Nodes.JsonNode> ValidateAsync(int sessionId, string nickname) =>
        _api.GetJsonAsync($"/api/v1/sessions/{sessionId}/nicknames/validate?nickname={Uri.EscapeDataString(nickname)}");
}
