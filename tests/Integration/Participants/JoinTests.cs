using System.Net;
using System.Net.Http.Json;
using System.Text;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Participants;

/// <summary>POST /api/v1/sessions/{id}/join: tokens, nickname rules and who may join.</summary>
[Collection(ApiCollection.Name)]
public sealed class JoinTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Join_ReturnsIdTokenAndSessionState()
    {
        var session = await _api.CreateSessionAsync("Town hall");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Q?", options = new[] { "a", "b" } });

        var body = await JoinRawAsync(session.Id, new { nickname = "Ada" });

        Assert.True(int.TryParse(body["participant_id"]!.GetValue<string>(), out var id) && id > 0);
        Assert.Matches("^cpt_[A-Za-z0-9_-]{40,}$", body["participant_token"]!.GetValue<string>());
        Assert.Equal("Ada", body["nickname"]!.GetValue<string>());
        var state = body["session_state"]!;
        Assert.Equal(session.Id, state["session_id"]!.GetValue<int>());
        Assert.Equal("Town hall", state["title"]!.GetValue<string>());
        Assert.Equal("draft", state["status"]!.GetValue<string>());
        Assert.Equal(poll, Guid.Parse(state["current_activity_id"]!.GetValue<string>()));
        Assert.Equal(1, state["participant_count"]!.GetValue<int>());
        Assert.Equal("Ada", state["nickname"]!.GetValue<string>());
        Assert.False(state["nickname_changed"]!.GetValue<bool>());
        Assert.True(state["last_seq"]!.GetValue<long>() > 1);
    }

    [Fact]
    public async Task Join_TwoParticipants_GetDifferentIdsAndTokens()
    {
        var session = await _api.CreateSessionAsync();

        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");

        Assert.NotEqual(ada.Id, bob.Id);
        Assert.NotEqual(ada.Token, bob.Token);
    }

    [Theory]
    [InlineData("  Ada  ", "Ada")]
    [InlineData("Ada    Lovelace", "Ada Lovelace")]
    [InlineData("\tAda\n Lovelace\r\n", "Ada Lovelace")]
    [InlineData("Zoë 🎉", "Zoë 🎉")]
    public async Task Join_NormalisesWhitespace(string requested, string expected)
    {
        var session = await _api.CreateSessionAsync();

        var participant = await _api.JoinAsync(session, requested);

        Assert.Equal(expected, participant.Nickname);
    }

    [Fact]
    public async Task Join_NicknameOf50Characters_IsAccepted()
    {
        var session = await _api.CreateSessionAsync();
        var nickname = new string('n', 50);

        Assert.Equal(nickname, (await _api.JoinAsync(session, nickname)).Nickname);
    }

    [Fact]
    public async Task Join_TakenNickname_GetsNextFreeNumber_CaseInsensitively()
    {
        var session = await _api.CreateSessionAsync();
        await _api.JoinAsync(session, "Ada");

        var second = await JoinRawAsync(session.Id, new { nickname = "ada" });
        var third = await _api.JoinAsync(session, "ADA");

        Assert.Equal("ada 2", second["nickname"]!.GetValue<string>());
        Assert.True(second["session_state"]!["nickname_changed"]!.GetValue<bool>());
        Assert.Equal("ADA 3", third.Nickname);
    }

    [Fact]
    public async Task Join_TakenLongNickname_IsShortenedToFit_AndStaysUnique()
    {
        var session = await _api.CreateSessionAsync();
        var nickname = new string('x', 50);

        var names = new List<string>();
        for (var i = 0; i < 4; i++) names.Add((await _api.JoinAsync(session, nickname)).Nickname);

        Assert.Equal(nickname, names[0]);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.True(n.Length <= 50, n));
        Assert.Equal(new string('x', 48) + " 2", names[1]);
    }

    [Theory]
    [InlineData("i", "İ")]
    [InlineData("İ", "i")]
    [InlineData("ß", "ẞ")]
    public async Task Join_NicknamesTheDatabaseLowerCasesAlike_BothJoinWithDistinctNames(string first, string second)
    {
        var session = await _api.CreateSessionAsync();

        var a = await _api.JoinAsync(session, first);
        var b = await _api.JoinAsync(session, second);

        Assert.Equal(first, a.Nickname);
        Assert.StartsWith(second, b.Nickname, StringComparison.Ordinal);
        Assert.NotEqual(a.Nickname, b.Nickname);
        Assert.Equal(2, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/participants"))["total_count"]!.GetValue<int>());
    }

    public static TheoryData<string?> InvalidNicknames => new()
    {
        null,
        "",
        "   ",
        "\t\n",
        new string('n', 51),
        "bad\u0007bell",
        "nul\u0000char",
        "zero\u200Bwidth",
        "<script>",
        "a>b",
    };

    [Theory]
    [MemberData(nameof(InvalidNicknames))]
    public async Task Join_InvalidNickname_Is422_AndNobodyJoins(string? nickname)
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname });

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["nickname"]);
        Assert.Equal(0, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status"))["participant_count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"nickname":42}""")]
    [InlineData("""{"nickname":""")]
    public async Task Join_MalformedBody_Is422(string json)
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.Client.PostAsync($"/api/v1/sessions/{session.Id}/join", new StringContent(json, Encoding.UTF8, "application/json"));

        await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Join_FullSession_Is409()
    {
        var session = await _api.CreateSessionAsync(maxParticipants: 3);
        for (var i = 1; i <= 3; i++) await _api.JoinAsync(session, $"P{i}");

        var response = await _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = "Late" });

        await Api.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(3, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/participants"))["total_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Join_FullSessionAfterSomeoneLeft_HasRoomAgain()
    {
        var session = await _api.CreateSessionAsync(maxParticipants: 1);
        var first = await _api.JoinAsync(session, "First");
        await Api.ProblemAsync(await _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = "Second" }), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{first.Id}", token: first.Token)).StatusCode);

        Assert.Equal("Second", (await _api.JoinAsync(session, "Second")).Nickname);
    }

    [Fact]
    public async Task Join_CompletedSession_Is409()
    {
        var session = await _api.CreateSessionAsync();
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "completed" }, adminCode: session.AdminCode), HttpStatusCode.OK);

        var response = await _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = "Ada" });

        await Api.ProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Join_ActiveSession_IsAllowed()
    {
        var session = await _api.CreateSessionAsync();
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "active" }, adminCode: session.AdminCode), HttpStatusCode.OK);

        var body = await JoinRawAsync(session.Id, new { nickname = "Ada" });

        Assert.Equal("active", body["session_state"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Join_UnknownSession_Is404()
    {
        await Api.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/v1/sessions/987654321/join", new { nickname = "Ada" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Join_NonIntegerSession_Is422()
    {
        await Api.ProblemAsync(await _api.Client.PostAsJsonAsync("/api/v1/sessions/abc/join", new { nickname = "Ada" }), HttpStatusCode.UnprocessableEntity);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> JoinRawAsync(int sessionId, object body) =>
        await Api.ReadAsync(await _api.Client.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/join", body), HttpStatusCode.OK);
}
