using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Responses;

/// <summary>
/// Submissions validate against an activity kept in memory for a few seconds. Whatever that
/// copy says, a response is only stored if it fits the activity as it is when the write happens.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ResponseStaleActivityTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ActivityChangedBehindTheCache_ResponseIsCheckedAgainstTheNewConfiguration()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Pick", options = new[] { "A", "B", "C" } });
        var voter = await _api.JoinAsync(session, "Early");
        var late = await _api.JoinAsync(session, "Late");
        // The first answer puts the activity in the submission cache.
        Assert.Equal(HttpStatusCode.Created, (await _api.SubmitAsync(voter, poll, new { option_index = 2 })).StatusCode);

        // Another node changes the activity; its event has not reached this node yet (a direct
        // write: no event, so nothing evicts the cached copy).
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        await db.ExecuteAsync("""
            update activities set configuration = '{"question":"Pick","options":["A","B"]}'::jsonb, updated_at = clock_timestamp()
            where id = @poll
            """, new { poll });

        var response = await _api.SubmitAsync(late, poll, new { option_index = 2 });

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("option_index", problem.ToJsonString());
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*)::int from user_responses where activity_id = @poll", new { poll }));
        Assert.Equal(HttpStatusCode.Created, (await _api.SubmitAsync(late, poll, new { option_index = 1 })).StatusCode);
    }

    [Fact]
    public async Task ActivityClosedBehindTheCache_ResponseIsRefused()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Pick", options = new[] { "A", "B" } });
        var voter = await _api.JoinAsync(session, "Early");
        var late = await _api.JoinAsync(session, "Late");
        Assert.Equal(HttpStatusCode.Created, (await _api.SubmitAsync(voter, poll, new { option_index = 0 })).StatusCode);

        await using var db = new NpgsqlConnection(factory.ConnectionString);
        await db.ExecuteAsync("update activities set state = 'expired', status = 'completed', updated_at = clock_timestamp() where id = @poll", new { poll });

        var response = await _api.SubmitAsync(late, poll, new { option_index = 1 });

        await Api.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*)::int from user_responses where activity_id = @poll", new { poll }));
    }

    [Fact]
    public async Task ActivityReconfiguredByTheHost_NextResponseUsesTheNewConfiguration()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Pick", options = new[] { "A", "B", "C" } });
        var voter = await _api.JoinAsync(session, "Early");
        var late = await _api.JoinAsync(session, "Late");
        Assert.Equal(HttpStatusCode.Created, (await _api.SubmitAsync(voter, poll, new { option_index = 2 })).StatusCode);

        var update = await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{poll}",
            new { config = new { question = "Pick", options = new[] { "A", "B" } } }, adminCode: session.AdminCode);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        var response = await _api.SubmitAsync(late, poll, new { option_index = 2 });

        await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }
}
