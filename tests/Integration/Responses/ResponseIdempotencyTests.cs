using System.Net;
using Conflicto.Tests.Integration.Activities;
using Conflicto.Tests.Integration.Infrastructure;
using Npgsql;

namespace Conflicto.Tests.Integration.Responses;

/// <summary>The Idempotency-Key header: a retried submission returns the first response and stores nothing new.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResponseIdempotencyTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Submit_SameKeyTwice_ReturnsTheSameResponse_AndStoresOneRowAndOneEvent()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });

        var first = await Api.ReadAsync(await _api.SubmitAsync(participant, id, new { word = "calm" }, idempotencyKey: "key-1"), HttpStatusCode.Created);
        var retry = await Api.ReadAsync(await _api.SubmitAsync(participant, id, new { word = "calm" }, idempotencyKey: "key-1"), HttpStatusCode.OK);

        Assert.Equal(first.Id(), retry.Id());
        Assert.Equal(first["cursor"]!.GetValue<long>(), retry["cursor"]!.GetValue<long>());
        Assert.Equal(1, await CountAsync("select count(*) from user_responses where activity_id = @id", id));
        Assert.Equal(1, await CountAsync("select count(*) from session_events where type = 'response.added' and (data->>'activity_id')::uuid = @id", id));
        Assert.Equal(1, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_RetryWithDifferentData_StillReturnsTheFirstResponse()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "poll", ActivityTestApi.Poll("Yes", "No"));

        var first = await Api.ReadAsync(await _api.SubmitAsync(participant, id, new { option_index = 0 }, idempotencyKey: "vote"), HttpStatusCode.Created);
        // A single-slot retry must not be refused as "already answered": it is the same submission.
        var retry = await Api.ReadAsync(await _api.SubmitAsync(participant, id, new { option_index = 1 }, idempotencyKey: "vote"), HttpStatusCode.OK);

        Assert.Equal(first.Id(), retry.Id());
        Assert.Equal(0, retry["response_data"]!["option_index"]!.GetValue<int>());
        Assert.Equal(1, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_SameKeyOnFrameworkRoute_ReturnsTheSameResponseWith200()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });
        var body = new { response_data = new { word = "calm" } };

        var first = await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{id}/responses", body,
            token: participant.Token, idempotencyKey: "fw-key"), HttpStatusCode.OK);
        var retry = await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{id}/responses", body,
            token: participant.Token, idempotencyKey: "fw-key"), HttpStatusCode.OK);

        Assert.Equal(first.Id(), retry.Id());
        Assert.Equal(1, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_SameKeyByAnotherParticipant_IsASeparateResponse()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });

        var first = await Api.ReadAsync(await _api.SubmitAsync(ada, id, new { word = "calm" }, idempotencyKey: "shared"), HttpStatusCode.Created);
        var second = await Api.ReadAsync(await _api.SubmitAsync(bob, id, new { word = "calm" }, idempotencyKey: "shared"), HttpStatusCode.Created);

        Assert.NotEqual(first.Id(), second.Id());
        Assert.Equal(2, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_KeyReusedOnAnotherActivity_Is409()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var first = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });
        var second = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Food?" }, keepOthersOpen: true);
        await Api.ReadAsync(await _api.SubmitAsync(participant, first, new { word = "calm" }, idempotencyKey: "once"), HttpStatusCode.Created);

        await Api.ProblemAsync(await _api.SubmitAsync(participant, second, new { word = "pizza" }, idempotencyKey: "once"), HttpStatusCode.Conflict);

        Assert.Equal(0, (await _api.ActivityAsync(second))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_KeyLongerThan100_Is422_AndExactly100IsAccepted()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });

        var problem = await Api.ProblemAsync(await _api.SubmitAsync(participant, id, new { word = "calm" }, idempotencyKey: new string('k', 101)),
            HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["Idempotency-Key"]);
        Assert.Equal(0, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());

        await Api.ReadAsync(await _api.SubmitAsync(participant, id, new { word = "calm" }, idempotencyKey: new string('k', 100)), HttpStatusCode.Created);
    }

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
