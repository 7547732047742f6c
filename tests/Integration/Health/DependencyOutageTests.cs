using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Processing.Hosting;
using Conflicto.Processing.Pipeline;
using Conflicto.Server.Activities;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;

namespace Conflicto.Tests.Integration.Health;

/// <summary>
/// The database and Redis go away and come back (a cut proxy, a stopped private redis-server):
/// health says which one is down, REST and hub calls get 503 rather than 500, the background
/// loops log the outage once each way, and everything works again without a restart.
/// </summary>
public sealed class DependencyOutageTests(OutageApiFactory factory) : IClassFixture<OutageApiFactory>
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Ready_WithDatabaseCut_Is503NamingTheDatabase_AndHealthyAfterRestore()
    {
        await HealthyAsync();

        factory.Database.Cut();
        JsonNode down;
        try
        {
            down = await _api.GetJsonAsync("/api/v1/health/ready", HttpStatusCode.ServiceUnavailable);
            await _api.GetJsonAsync("/api/v1/health/live"); // the process is up all the same
        }
        finally
        {
            factory.Database.Restore();
        }

        Assert.Equal("unhealthy", down["status"]!.GetValue<string>());
        Assert.Equal(["database"], down["failing"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.StartsWith("unreachable: ", down["checks"]!["database"]!.GetValue<string>());
        Assert.Equal("ok", down["checks"]!["redis"]!.GetValue<string>());
        Assert.Equal("degraded", down["entries"]!["processing"]!["status"]!.GetValue<string>()); // its job counts need the database
        Assert.Equal(0, down["processing"]!["queue_depth"]!.GetValue<int>()); // this node's own figures are still there
        var back = await HealthyAsync();
        Assert.Equal("ok", back["checks"]!["database"]!.GetValue<string>());
    }

    [Fact]
    public async Task RestCalls_WithDatabaseCut_Get503WithRetryAfter_AndWorkAfterRestore()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await HealthyAsync();

        factory.Database.Cut();
        HttpResponseMessage read, write, answer;
        try
        {
            read = await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}");
            write = await _api.SendAsync(HttpMethod.Post, "/api/v1/sessions/", new { title = "During the outage" });
            answer = await _api.SubmitAsync(alice, poll, new { option_index = 0 }, "rest-answer"); // waits on a group-commit batch that fails
        }
        finally
        {
            factory.Database.Restore();
        }

        foreach (var response in new[] { read, write, answer })
        {
            var problem = await Api.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Service unavailable", problem["title"]!.GetValue<string>());
            Assert.Contains("database is unreachable", problem["detail"]!.GetValue<string>());
            Assert.Equal(TimeSpan.FromSeconds(OutageApiFactory.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        }
        await EventuallyAsync(async () => (await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}")).StatusCode == HttpStatusCode.OK, "the session to be readable again");
        await _api.CreateSessionAsync("After the outage");
    }

    [Fact]
    public async Task HubSubmitResponse_WithDatabaseCut_Gets503_AndTheRetryWithTheSameKeyIsStoredOnce()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var phone = await factory.JoinedAsync(session.Id, alice.Token);
        await HealthyAsync();

        factory.Database.Cut();
        Microsoft.AspNetCore.SignalR.HubException refusal;
        try
        {
            refusal = await HubTesting.RefusedAsync(503, () => phone.InvokeAsync("SubmitResponse", poll, new { option_index = 1 }, "answer-1"));
        }
        finally
        {
            factory.Database.Restore();
        }

        Assert.Contains("503 Service Unavailable: SubmitResponse needs the database", refusal.Message);
        var acks = new List<JsonNode>();
        await EventuallyAsync(async () =>
        {
            try
            {
                acks.Add(JsonNode.Parse((await phone.InvokeAsync("SubmitResponse", poll, new { option_index = 1 }, "answer-1")).GetRawText())!);
                return true;
            }
            catch (Microsoft.AspNetCore.SignalR.HubException e) when (e.Message.Contains("503 Service Unavailable", StringComparison.Ordinal))
            {
                return false; // the client retries, as documented
            }
        }, "the retried answer to be accepted");
        var again = JsonNode.Parse((await phone.InvokeAsync("SubmitResponse", poll, new { option_index = 1 }, "answer-1")).GetRawText())!;
        Assert.Equal(acks[0]["responseId"]!.ToJsonString(), again["responseId"]!.ToJsonString()); // the same response: stored once
        Assert.Equal(1, await ProcessingTesting.ScalarAsync<long>(factory.ConnectionString, "select count(*) from user_responses where activity_id = @poll", new { poll }));
    }

    [Fact]
    public async Task BackgroundLoops_OverADatabaseOutage_LogOneLineWhenItGoesAndOneWhenItIsBack()
    {
        // A session with a joined phone, so the catch-up and presence loops have streams to look after.
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var phone = await factory.JoinedAsync(session.Id, alice.Token);
        // The loops that read the database on every tick (the others only when they have work, and
        // count their failures the same way).
        var loops = factory.Services.GetServices<IHostedService>().OfType<PeriodicService>()
            .Where(l => l is JobSweeper or ActivityExpiryService).ToList();
        Assert.Equal(2, loops.Count);
        await HealthyAsync();
        var mark = factory.Logs.Events.Count;

        factory.Database.Cut();
        try
        {
            // Each loop has failed several times in a row: backed off 1, 2, 2, 2 s (capped at 2 s in this server).
            await EventuallyAsync(() => Task.FromResult(loops.All(l => l.OutageFailures >= 4)), "every loop to fail four times in a row");
        }
        finally
        {
            factory.Database.Restore();
        }
        await EventuallyAsync(() => Task.FromResult(Since(mark).Any(e => e.MessageTemplate.Text.StartsWith("Database back after", StringComparison.Ordinal))), "the database to be back");
        await EventuallyAsync(() => Task.FromResult(loops.All(l => l.OutageFailures == 0)), "every loop to tick again");

        var lines = Since(mark).Where(e => e.Level >= LogEventLevel.Information).ToList();
        var outage = Assert.Single(lines, e => e.MessageTemplate.Text.StartsWith("Database unreachable", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Warning, outage.Level);
        Assert.Null(outage.Exception); // no stack trace
        var back = Assert.Single(lines, e => e.MessageTemplate.Text.StartsWith("Database back after", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Information, back.Level);
        Assert.True(double.Parse(CapturedLogs.Property(back, "Seconds")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        // Over an outage of 12+ failed ticks, nothing else at Warning or above (before: a stack trace per loop per tick).
        var others = lines.Where(e => e.Level >= LogEventLevel.Warning && e != outage).ToList();
        Assert.True(others.Count == 0, string.Join("\n", others.Select(e => $"{e.Level} {CapturedLogs.Property(e, "SourceContext")}: {e.RenderMessage()}")));
    }

    [Fact]
    public async Task Ready_WithRedisStopped_Is503NamingRedis_AndHealthyAfterItIsBack()
    {
        await HealthyAsync();
        var mark = factory.Logs.Events.Count;

        await factory.Redis.StopAsync();
        JsonNode? down = null;
        try
        {
            await EventuallyAsync(async () =>
            {
                var response = await _api.Client.GetAsync("/api/v1/health/ready");
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return false;
                down = await Api.ReadAsync(response, HttpStatusCode.ServiceUnavailable);
                return true;
            }, "ready to notice Redis is gone");
            // Local clients are still served: the database is all a REST call needs.
            await _api.CreateSessionAsync("While Redis is down");
        }
        finally
        {
            await factory.Redis.StartAsync();
        }

        Assert.Equal(["redis"], down!["failing"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.StartsWith("unreachable: ", down["checks"]!["redis"]!.GetValue<string>());
        Assert.Equal("ok", down["checks"]!["database"]!.GetValue<string>());
        var back = await HealthyAsync();
        Assert.Equal("ok", back["checks"]!["redis"]!.GetValue<string>());
        await EventuallyAsync(() => Task.FromResult(Since(mark).Any(e => e.MessageTemplate.Text.StartsWith("Redis back after", StringComparison.Ordinal))), "Redis to be logged back");
        var redisLines = Since(mark).Where(e => CapturedLogs.Property(e, "SourceContext") == typeof(Server.Realtime.RedisAvailability).FullName).ToList();
        Assert.Equal([LogEventLevel.Warning, LogEventLevel.Information], redisLines.Select(e => e.Level));
        // Nothing else complained (each 503 answer has its request line, as every request does).
        var others = Since(mark).Where(e => e.Level >= LogEventLevel.Warning && !redisLines.Contains(e)
            && CapturedLogs.Property(e, "SourceContext") != "Serilog.AspNetCore.RequestLoggingMiddleware").ToList();
        Assert.True(others.Count == 0, string.Join("\n", others.Select(e => $"{e.Level} {CapturedLogs.Property(e, "SourceContext")}: {e.RenderMessage()}")));
    }

    [Fact]
    public async Task Health_ReportsConnectionsByRoleAndTheCatchUp()
    {
        var session = await _api.CreateSessionAsync();
        await using var screen = await factory.JoinedAsync(session.Id, null, joinCode: session.JoinCode);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        // Connected with a participant's token but not joined: "none", as the conflicto.hub.connections gauge counts it.
        var alice = await _api.JoinAsync(session, "Alice");
        await using var idle = factory.HubClient(alice.Token);
        await idle.StartAsync();

        // A client's StartAsync returns at the handshake, a moment before the server has counted the connection: wait for it.
        JsonNode health = null!;
        await ProcessingTesting.WaitUntilAsync(async () =>
        {
            health = await HealthyAsync();
            var data = health["entries"]!["connections"]!["data"]!;
            return data["none"]?.GetValue<int>() >= 1 && data["host"]?.GetValue<int>() >= 1 && data["viewer"]?.GetValue<int>() >= 1;
        }, "the health check to count the three connections");

        var connections = health["entries"]!["connections"]!;
        Assert.Equal("healthy", connections["status"]!.GetValue<string>());
        Assert.Equal(1, connections["data"]!["viewer"]!.GetValue<int>());
        Assert.True(connections["data"]!["host"]!.GetValue<int>() >= 1);
        Assert.True(connections["data"]!["none"]!.GetValue<int>() >= 1);
        Assert.Null(connections["data"]!["anonymous"]); // one rule: the role a joined session gave, else none
        Assert.True(connections["data"]!["total"]!.GetValue<int>() >= 3);
        var catchUp = health["entries"]!["catch_up"]!;
        Assert.Equal("healthy", catchUp["status"]!.GetValue<string>());
        Assert.Equal(0, catchUp["data"]!["holes"]!.GetValue<int>());
        Assert.Equal(0L, catchUp["data"]!["events_behind"]!.GetValue<long>());
    }

    private IEnumerable<LogEvent> Since(int mark) => factory.Logs.Events.Skip(mark);

    /// <summary>Waits (bounded) until ready answers 200, and returns its answer.</summary>
    private async Task<JsonNode> HealthyAsync()
    {
        JsonNode? healthy = null;
        await EventuallyAsync(async () =>
        {
            var response = await _api.Client.GetAsync("/api/v1/health/ready");
            if (response.StatusCode != HttpStatusCode.OK) return false;
            healthy = await Api.ReadAsync(response, HttpStatusCode.OK);
            return true;
        }, "ready to answer 200");
        return healthy!;
    }

    private static Task EventuallyAsync(Func<Task<bool>> condition, string what) => ProcessingTesting.WaitUntilAsync(condition, what, Deadline);
}
