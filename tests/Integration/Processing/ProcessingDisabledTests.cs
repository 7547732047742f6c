using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>
/// On a node that does not process (the shared server), jobs wait pending: the retry endpoint's
/// refusals can be checked without racing a worker, and responses meet only the type's own rules.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProcessingDisabledTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task CreateActivity_NoWorker_StaysPendingWithItsJobQueued()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "poll", new { question = "Waiting?", options = new[] { "A", "B" } });

        var processing = await _api.ProcessingAsync(id);

        Assert.Equal("pending", ProcessingTesting.Status(processing));
        Assert.Null(processing["schema_render"]);
        Assert.Equal(0, processing["attempts"]!.GetValue<int>());
        var log = await _api.GetJsonAsync("/api/v1/jobs?status=pending", adminCode: session.AdminCode);
        Assert.Equal(processing["job_id"]!.GetValue<string>(), Assert.Single(log["jobs"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retry_WhilePending_Returns409()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "poll", new { question = "Again?", options = new[] { "A", "B" } });

        var problem = await Api.ProblemAsync(
            await _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{id}/processing/retry", adminCode: session.AdminCode), HttpStatusCode.Conflict);
        Assert.Contains("pending", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retry_WithoutAdminCode_Returns401_WithAnotherSessionsCodeOrAParticipantToken_Returns403()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "qa", new { topic = "Who?" });
        var url = $"/api/v1/activities/{id}/processing/retry";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, url), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, url, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        var participant = await _api.JoinAsync(session, "Pat");
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, url, token: participant.Token), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Retry_UnknownActivity_Returns404()
    {
        var session = await _api.CreateSessionAsync();
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{Guid.NewGuid()}/processing/retry",
            adminCode: session.AdminCode), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SubmitResponse_InventedTypeNotYetAnalysed_OnlyGenericRulesApply()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Early");
        var id = await _api.CreateActiveActivityAsync(session, "star_rating", new { min = 1, max = 5, prompt = "Rate" });

        // Out of the scale, which the analysed schema would refuse: before the analysis nothing says so.
        await Api.ReadAsync(await _api.SubmitAsync(participant, id, new { value = 9 }), HttpStatusCode.Created);
    }
}
