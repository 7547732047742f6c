using Conflicto.Tests.Integration.Infrastructure;
using Serilog.Events;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>Every refused hub call leaves an Information line naming the method, session, role and reason; a failed one an Error line.</summary>
public sealed class HubCallLoggingTests(HubCallsApiFactory factory) : IClassFixture<HubCallsApiFactory>
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task RefusedCall_IsLoggedAtInformationWithMethodSessionRoleAndReason()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);

        var refusal = await HubTesting.RefusedAsync(403, () => participant.InvokeAsync("SetSessionStatus", "active"));

        var line = await RefusalLoggedAsync("SetSessionStatus", participant);
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal(session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CapturedLogs.Property(line, "SessionId"));
        Assert.Equal("participant", CapturedLogs.Property(line, "Role"));
        var reason = CapturedLogs.Property(line, "Reason")!;
        Assert.StartsWith("403 Forbidden: ", reason);
        Assert.EndsWith(reason, refusal.Message);
        Assert.Null(line.Exception); // a refusal is not a fault: no stack trace in the log
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BindingFailure_IsLoggedLikeAnyRefusal(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActivityAsync(session, "poll", PollConfig);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, messagePack: messagePack);

        await HubTesting.RefusedAsync(400, () => host.InvokeAsync("TransitionActivity", poll, 42));
        await HubTesting.RefusedAsync(400, () => host.InvokeAsync("OpenEverything"));

        var wrongType = await RefusalLoggedAsync("TransitionActivity", host);
        Assert.Equal("host", CapturedLogs.Property(wrongType, "Role"));
        Assert.Equal(session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CapturedLogs.Property(wrongType, "SessionId"));
        Assert.Contains("argument 2 (targetState) must be a string", CapturedLogs.Property(wrongType, "Reason"));
        var unknown = await RefusalLoggedAsync("OpenEverything", host);
        Assert.StartsWith("400 Bad Request: There is no hub method", CapturedLogs.Property(unknown, "Reason"));
    }

    [Fact]
    public async Task RefusedJoin_IsLoggedWithTheSessionAskedFor()
    {
        var session = await _api.CreateSessionAsync();
        await using var stranger = factory.HubClient(null);
        await stranger.StartAsync();

        await HubTesting.RefusedAsync(403, () => stranger.JoinAsync(session.Id, joinCode: "WRONG1"));

        var line = await RefusalLoggedAsync("JoinSession", stranger);
        Assert.Equal(session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CapturedLogs.Property(line, "SessionId"));
        Assert.Equal("anonymous", CapturedLogs.Property(line, "Role"));
    }

    [Fact]
    public async Task FailedCall_IsLoggedAtErrorWithItsException_AndTheClientGetsA500WithTheErrorId()
    {
        var session = await _api.CreateSessionAsync();
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);

        var failure = await HubTesting.RefusedAsync(500, () => host.InvokeAsync("SetSessionStatus", HubCallsApiFactory.FailOnPurpose.Trigger));

        var line = factory.Logs.Events.Single(e => e.Level == LogEventLevel.Error
            && CapturedLogs.Property(e, "ConnectionId") == host.Connection.ConnectionId);
        Assert.Equal("SetSessionStatus", CapturedLogs.Property(line, "HubMethod"));
        Assert.Equal("host", CapturedLogs.Property(line, "Role"));
        Assert.Equal("Failing on purpose.", Assert.IsType<InvalidOperationException>(line.Exception).Message);
        Assert.Contains($"(error id {CapturedLogs.Property(line, "ErrorId")})", failure.Message);
        Assert.DoesNotContain("Failing on purpose", failure.Message); // internals stay in the log
        Assert.Equal("draft", (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status"))["status"]!.GetValue<string>());
    }

    /// <summary>The refusal line for a method on this client's connection (logged before the client hears back, so no long wait).</summary>
    private async Task<LogEvent> RefusalLoggedAsync(string method, SessionHubClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var line = factory.Logs.Events.FirstOrDefault(e =>
                e.MessageTemplate.Text.StartsWith("Hub call {HubMethod} refused", StringComparison.Ordinal)
                && CapturedLogs.Property(e, "HubMethod") == method
                && CapturedLogs.Property(e, "ConnectionId") == client.Connection.ConnectionId);
            if (line is not null) return line;
            Assert.True(DateTime.UtcNow < deadline, $"No refusal of {method} was logged.");
            await Task.Delay(20);
        }
    }
}
