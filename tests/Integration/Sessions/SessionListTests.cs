using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Sessions;

/// <summary>GET /api/v1/sessions/: newest first, offset/limit honoured, total counts every session.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionListTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ListSessions_TotalIsTheRealNumberOfSessions_NotThePageSize()
    {
        await _api.CreateSessionAsync();
        await _api.CreateSessionAsync();
        await _api.CreateSessionAsync();

        var page = await _api.GetJsonAsync("/api/v1/sessions/?limit=1");

        Assert.Single(page["sessions"]!.AsArray());
        Assert.Equal(await CountInDatabaseAsync(), page["total"]!.GetValue<int>());
        Assert.True(page["total"]!.GetValue<int>() >= 3);
    }

    [Fact]
    public async Task ListSessions_OffsetAndLimit_SelectTheRightPageNewestFirst()
    {
        var a = await _api.CreateSessionAsync("Page A");
        var b = await _api.CreateSessionAsync("Page B");
        var c = await _api.CreateSessionAsync("Page C");

        var first = await _api.GetJsonAsync("/api/v1/sessions/?offset=0&limit=2");
        var second = await _api.GetJsonAsync("/api/v1/sessions/?offset=1&limit=2");

        Assert.Equal([c.Id, b.Id], Ids(first));
        Assert.Equal([b.Id, a.Id], Ids(second));
        Assert.Equal(1, second["offset"]!.GetValue<int>());
        Assert.Equal(2, second["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListSessions_WithoutParameters_UsesOffset0AndLimit100()
    {
        await _api.CreateSessionAsync();

        var page = await _api.GetJsonAsync("/api/v1/sessions/");

        Assert.Equal(0, page["offset"]!.GetValue<int>());
        Assert.Equal(100, page["limit"]!.GetValue<int>());
        Assert.Equal(Math.Min(100, await CountInDatabaseAsync()), page["sessions"]!.AsArray().Count);
    }

    [Fact]
    public async Task ListSessions_OffsetPastTheEnd_IsAnEmptyPageWithTheTotal()
    {
        await _api.CreateSessionAsync();
        var total = await CountInDatabaseAsync();

        var page = await _api.GetJsonAsync($"/api/v1/sessions/?offset={total}&limit=10");

        Assert.Empty(page["sessions"]!.AsArray());
        Assert.Equal(total, page["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=-3", "limit")]
    public async Task ListSessions_OutOfRangePaging_Is422WithFieldError(string query, string field)
    {
        var problem = await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/?{query}"), HttpStatusCode.UnprocessableEntity);

        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("offset=1.5")]
    [InlineData("offset=99999999999")]
    public async Task ListSessions_UnparsablePaging_Is422(string query)
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/?{query}"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ListSessions_ShowsCountsButNeverAdminCodes()
    {
        var session = await _api.CreateSessionAsync();
        await _api.JoinAsync(session, "Ada");

        var page = await _api.GetJsonAsync("/api/v1/sessions/?limit=1", adminCode: session.AdminCode);

        var listed = page["sessions"]!.AsArray().Single()!;
        Assert.Equal(session.Id, listed["id"]!.GetValue<int>());
        Assert.Equal(1, listed["participant_count"]!.GetValue<int>());
        Assert.Null(listed["admin_code"]);
        Assert.DoesNotContain(session.AdminCode, page.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSessions_WithoutAdminCode_ShowsNoJoinCodes()
    {
        var session = await _api.CreateSessionAsync();

        var page = await _api.GetJsonAsync("/api/v1/sessions/?limit=1000");

        Assert.NotEmpty(page["sessions"]!.AsArray());
        Assert.All(page["sessions"]!.AsArray(), s =>
        {
            Assert.Null(s!["join_code"]);
            Assert.Null(s["qr_code"]);
        });
        Assert.DoesNotContain(session.JoinCode, page.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSessions_WithAnAdminCode_ShowsThatSessionsJoinCodeOnly_SoTheLegacyAdminListStillWorks()
    {
        var mine = await _api.CreateSessionAsync("Mine");
        var theirs = await _api.CreateSessionAsync("Theirs");

        var page = await _api.GetJsonAsync("/api/v1/sessions/?limit=1000", adminCode: mine.AdminCode);

        var sessions = page["sessions"]!.AsArray();
        var listedMine = sessions.Single(s => s!["id"]!.GetValue<int>() == mine.Id)!;
        var listedTheirs = sessions.Single(s => s!["id"]!.GetValue<int>() == theirs.Id)!;
        Assert.Equal(mine.JoinCode, listedMine["join_code"]!.GetValue<string>());
        Assert.Equal(mine.JoinCode, listedMine["qr_code"]!.GetValue<string>());
        Assert.Equal("Theirs", listedTheirs["title"]!.GetValue<string>()); // still listed, with its title and status
        Assert.Null(listedTheirs["join_code"]);
        Assert.Null(listedTheirs["qr_code"]);
        Assert.DoesNotContain(theirs.JoinCode, page.ToJsonString(), StringComparison.Ordinal);
        // From the list the host goes to the session page, where the admin code shows the join code too.
        Assert.Equal(mine.JoinCode, (await _api.GetJsonAsync($"/api/v1/sessions/{mine.Id}", adminCode: mine.AdminCode))["join_code"]!.GetValue<string>());
    }

    private static int[] Ids(System.Text.Json.Nodes.JsonNode page) =>
        page["sessions"]!.AsArray().Select(s => s!["id"]!.GetValue<int>()).ToArray();

    private async Task<int> CountInDatabaseAsync()
    {
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        return await db.ExecuteScalarAsync<int>("select count(*)::int from sessions");
    }
}
