using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Activities;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Responses;

/// <summary>GET .../responses/since/{timestamp}: incremental reads by time or by cursor.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResponseSinceTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Since_IsoTimestamp_ReturnsOnlyLaterResponses()
    {
        var (session, participant, id) = await SetUpAsync();
        var first = await _api.SubmitOkAsync(participant, id, new { word = "one" });
        var second = await _api.SubmitOkAsync(participant, id, new { word = "two" });
        var since = first["updated_at"]!.GetValue<DateTime>().ToString("O", CultureInfo.InvariantCulture);

        var body = await SinceAsync(session, id, Uri.EscapeDataString(since));

        Assert.Equal([second.Id()], Ids(body));
        Assert.Equal(1, body["count"]!.GetValue<int>());
        Assert.False(body["has_more"]!.GetValue<bool>());
        Assert.Equal(second["cursor"]!.GetValue<long>(), body["next_cursor"]!.GetValue<long>());
        Assert.Equal(second["updated_at"]!.GetValue<DateTime>(), body["next_since"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task Since_IsoTimestampWithOffset_IsReadAsThatInstant()
    {
        var (session, participant, id) = await SetUpAsync();
        await _api.SubmitOkAsync(participant, id, new { word = "one" });

        var past = await SinceAsync(session, id, Uri.EscapeDataString("2000-01-01T12:00:00+02:00"));
        var future = await SinceAsync(session, id, "2999-01-01T00:00:00");

        Assert.Single(Ids(past));
        Assert.Equal(new DateTime(2000, 1, 1, 10, 0, 0, DateTimeKind.Utc), past["since"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Empty(Ids(future));
    }

    [Fact]
    public async Task Since_UnixSeconds_AreAccepted()
    {
        var (session, participant, id) = await SetUpAsync();
        await _api.SubmitOkAsync(participant, id, new { word = "one" });
        await _api.SubmitOkAsync(participant, id, new { word = "two" });

        var all = await SinceAsync(session, id, "0");
        var none = await SinceAsync(session, id, new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

        Assert.Equal(2, all["count"]!.GetValue<int>());
        Assert.Equal(DateTime.UnixEpoch, all["since"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(0, none["count"]!.GetValue<int>());
        Assert.Null(none["next_cursor"]);
    }

    [Fact]
    public async Task Since_WithCursor_PagesThroughEverything_ThenReturnsNothing()
    {
        var (session, participant, id) = await SetUpAsync();
        var created = new List<Guid>();
        foreach (var word in new[] { "a", "b", "c", "d", "e" }) created.Add(await _api.SubmitIdAsync(participant, id, new { word }));

        var seen = new List<Guid>();
        long cursor = 0;
        var pages = 0;
        for (var hasMore = true; hasMore; pages++)
        {
            Assert.True(pages < 5, "paging did not end");
            var page = await SinceAsync(session, id, "0", $"?cursor={cursor}&limit=2");
            seen.AddRange(Ids(page));
            hasMore = page["has_more"]!.GetValue<bool>();
            cursor = page["next_cursor"]!.GetValue<long>();
        }

        Assert.Equal(created, seen);
        Assert.Equal(3, pages);
        var after = await SinceAsync(session, id, "0", $"?cursor={cursor}");
        Assert.Empty(Ids(after));
        Assert.False(after["has_more"]!.GetValue<bool>());
        Assert.Equal(cursor, after["next_cursor"]!.GetValue<long>());
    }

    [Fact]
    public async Task Since_AnEditedResponse_ReappearsAfterTheCursor_WithItsNewData()
    {
        var (session, participant, id) = await SetUpAsync();
        var first = await _api.SubmitIdAsync(participant, id, new { word = "tpyo" });
        await _api.SubmitOkAsync(participant, id, new { word = "fine" });
        var read = await SinceAsync(session, id, "0");
        var cursor = read["next_cursor"]!.GetValue<long>();

        var edit = await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{first}", new { response_data = new { word = "typo" } }, token: participant.Token);
        await Api.ReadAsync(edit, HttpStatusCode.OK);

        var changes = await SinceAsync(session, id, "0", $"?cursor={cursor}");
        var item = Assert.Single(changes["items"]!.AsArray())!;
        Assert.Equal(first, item.Id());
        Assert.Equal("typo", item["response_data"]!["word"]!.GetValue<string>());
        Assert.True(changes["next_cursor"]!.GetValue<long>() > cursor);
    }

    [Fact]
    public async Task Since_OnAnonymousActivity_HidesParticipantsFromOthers()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Secret?", allow_anonymous = true });
        await _api.SubmitOkAsync(participant, id, new { word = "shy" });

        var asHost = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{id}/responses/since/0", adminCode: session.AdminCode);
        var asAuthor = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{id}/responses/since/0", token: participant.Token);

        Assert.Null(Assert.Single(asHost["items"]!.AsArray())!["participant_id"]);
        Assert.Equal(participant.Id, Assert.Single(asAuthor["items"]!.AsArray())!["participant_id"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("yesterday", "")]
    [InlineData("2026-13-45T00:00:00Z", "")]
    [InlineData("-5", "")]
    [InlineData("0", "?cursor=-1")]
    [InlineData("0", "?cursor=abc")]
    [InlineData("0", "?limit=0")]
    public async Task Since_WithBadTimestampOrCursor_Is422(string timestamp, string query)
    {
        var (session, _, id) = await SetUpAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities/{id}/responses/since/{timestamp}{query}"),
            HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Since_OnUnknownActivity_Is404()
    {
        var session = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities/{Guid.NewGuid()}/responses/since/0"),
            HttpStatusCode.NotFound);
    }

    private async Task<(Api.Session, Api.Participant, Guid)> SetUpAsync()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_stream", new { prompt = "Mood?" });
        return (session, participant, id);
    }

    private Task<JsonNode> SinceAsync(Api.Session session, Guid id, string timestamp, string query = "") =>
        _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{id}/responses/since/{timestamp}{query}");

    private static Guid[] Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!.Id()).ToArray();
}
