using System.Globalization;
using System.Net;
using Conflicto.Server.Operations;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Conflicto.Tests.Integration.Operations.OperationTesting;

namespace Conflicto.Tests.Integration.Operations;

/// <summary><c>GET /api/v1/sessions/{id}/operations</c>: the host's only, filtered, paged newest first, with a summary; retention deletes old ones.</summary>
public sealed class OperationQueryTests(OperationsApiFactory factory) : IClassFixture<OperationsApiFactory>
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };
    private static readonly string CreateActivity = Name("POST", "/api/v1/sessions/{sessionId}/activities/framework");

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ListOperations_IsTheHostsOnly()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var url = $"/api/v1/sessions/{session.Id}/operations";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, token: alice.Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/999999999/operations", adminCode: session.AdminCode), HttpStatusCode.NotFound);
        var answer = await _api.ListAsync(session);
        Assert.True(answer["tracking"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ListOperations_FiltersAndPagesNewestFirst()
    {
        var session = await _api.CreateSessionAsync();
        for (var i = 0; i < 3; i++) await _api.CreateActivityAsync(session, "poll", PollConfig, $"Poll {i}");
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        foreach (var who in new[] { alice, alice, bob })
            Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{who.Id}/heartbeat", new { }, token: who.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}")).StatusCode);
        await _api.WaitForAsync(session, CreateActivity, 3);
        await _api.WaitForAsync(session, "actor_role=participant", 3);
        await _api.WaitForAsync(session, "outcome=refused", 1);

        var first = await _api.ListAsync(session, CreateActivity + "&limit=2");
        Assert.Equal(3, first["total"]!.GetValue<int>());
        var page = first["operations"]!.AsArray().Select(o => o!).ToList();
        Assert.Equal(2, page.Count);
        var rest = (await _api.ListAsync(session, CreateActivity + "&limit=2&offset=2"))["operations"]!.AsArray().Select(o => o!).ToList();
        var all = page.Concat(rest).ToList();
        Assert.Equal(3, all.Select(o => o["id"]!.GetValue<long>()).Distinct().Count());
        var starts = all.Select(o => o["started_at"]!.GetValue<DateTime>()).ToList();
        Assert.Equal(starts.OrderByDescending(s => s), starts); // newest first

        var participants = await _api.WaitForAsync(session, "actor_role=participant");
        Assert.Equal(3, participants.Count);
        Assert.All(participants, o => Assert.Equal("participant", o.Text("actor_role")));
        var alices = await _api.WaitForAsync(session, $"participant_id={alice.Id}");
        Assert.Equal(2, alices.Count);
        Assert.All(alices, o => Assert.Equal(alice.Id, o.Int("participant_id")));

        var refused = Assert.Single(await _api.WaitForAsync(session, "outcome=refused"));
        Assert.Equal("DELETE /api/v1/sessions/{sessionId}", refused.Text("name"));
        Assert.Empty((await _api.ListAsync(session, "kind=hub"))["operations"]!.AsArray());
        Assert.Equal(0, (await _api.ListAsync(session, "min_duration_ms=100000000"))["total"]!.GetValue<int>());

        // from is inclusive, to exclusive, both on the start time.
        var newest = Uri.EscapeDataString(starts[0].ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(1, (await _api.ListAsync(session, $"{CreateActivity}&from={newest}"))["total"]!.GetValue<int>());
        Assert.Equal(2, (await _api.ListAsync(session, $"{CreateActivity}&to={newest}"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListOperations_WithSummary_GivesCountAndPercentilesPerName()
    {
        var session = await _api.CreateSessionAsync();
        for (var i = 0; i < 3; i++) await _api.CreateActivityAsync(session, "poll", PollConfig, $"Poll {i}");
        await _api.WaitForAsync(session, CreateActivity, 3);

        var answer = await _api.ListAsync(session, "summary=true");
        var create = Assert.Single(answer["summary"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "POST /api/v1/sessions/{sessionId}/activities/framework")!;
        Assert.Equal(3, create["count"]!.GetValue<int>());
        var (p50, p95, max) = (create["p50_ms"]!.GetValue<double>(), create["p95_ms"]!.GetValue<double>(), create["max_ms"]!.GetValue<double>());
        Assert.True(p50 > 0 && p50 <= p95 && p95 <= max, $"p50 {p50}, p95 {p95}, max {max}");
        Assert.Null((await _api.ListAsync(session))["summary"]); // only when asked: it reads every match
    }

    [Theory]
    [InlineData("kind=grpc", "kind")]
    [InlineData("actor_role=admin", "actor_role")]
    [InlineData("outcome=maybe", "outcome")]
    [InlineData("min_duration_ms=-1", "min_duration_ms")]
    [InlineData("limit=0", "limit")]
    [InlineData("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    public async Task ListOperations_WithABadFilter_Is422NamingIt(string query, string field)
    {
        var session = await _api.CreateSessionAsync();
        var problem = await Api.ProblemAsync(
            await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/operations?{query}", adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task ListOperations_WithAnUnreadableTime_Is422()
    {
        var session = await _api.CreateSessionAsync();
        await Api.ProblemAsync(
            await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/operations?from=yesterday", adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Retention_DeletesOperationsOlderThanTheSetting_InBatches_AndKeepsTheRest()
    {
        var session = await _api.CreateSessionAsync();
        var old = OperationRetention.BatchSize * 2 + 500; // more than one delete batch
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                insert into operations (session_id, name, kind, actor_role, started_at, ended_at, duration_ms, outcome, status_code)
                select @session, 'GET /old', 'rest', 'anonymous', now() - interval '8 days' - g * interval '1 second', now() - interval '8 days', 1, 'ok', 200
                from generate_series(1, @old) g
                union all
                select @session, 'GET /recent', 'rest', 'anonymous', now() - interval '6 days', now() - interval '6 days', 1, 'ok', 200
                """, connection);
            insert.Parameters.AddWithValue("session", session.Id);
            insert.Parameters.AddWithValue("old", old);
            await insert.ExecuteNonQueryAsync();
        }

        var deleted = await factory.Services.GetRequiredService<OperationRetention>().DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(old, deleted); // the default RetentionDays is 7
        Assert.Equal(0, (await _api.ListAsync(session, "name=" + Uri.EscapeDataString("GET /old")))["total"]!.GetValue<int>());
        Assert.Equal(1, (await _api.ListAsync(session, "name=" + Uri.EscapeDataString("GET /recent")))["total"]!.GetValue<int>());
    }
}
