using Conflicto.Server.Realtime;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Conflicto.Tests.Integration.Limits;

/// <summary>Small hub limits: two connections per participant, one call a second per connection in bursts of five; the server's log captured.</summary>
public sealed class HubLimitedApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["RateLimits:Enabled"] = "true",
    ["RateLimits:HubConnectionsPerParticipant"] = "2",
    ["RateLimits:HubInvocationsPerSecond"] = "1",
    ["RateLimits:HubInvocationBurst"] = "5",
})
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            // As in HubCallsApiFactory: this host logs through its own Serilog logger, not the static one.
            services.AddSingleton<ILoggerFactory>(sp => new SerilogLoggerFactory(sp.GetRequiredService<Serilog.ILogger>()));
        });
    }
}

/// <summary>
/// Hub connections per participant and hub calls per connection are limited (issue #13 item 5):
/// the one too many is refused with "429 Too Many Requests" and logged at Warning, and a flood
/// of calls is logged once, not once per call.
/// </summary>
public sealed class HubLimitTests(HubLimitedApiFactory factory) : IClassFixture<HubLimitedApiFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ConnectionsPerParticipant_OneTooMany_IsClosedWith429AndLogged_OthersAreNotAffected()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        await using var first = await factory.JoinedAsync(session.Id, alice.Token);
        await using var second = await factory.JoinedAsync(session.Id, alice.Token);
        var limits = factory.Services.GetRequiredService<HubLimits>();
        Assert.Equal(2, limits.OpenConnections(alice.Id));

        await using var third = factory.HubClient(alice.Token);
        var refusal = await RefusedConnectionAsync(third);

        Assert.Contains("429 Too Many Requests", refusal);
        Assert.Contains($"participant {alice.Id} already has 2 hub connections open", refusal);
        Assert.Equal(2, limits.OpenConnections(alice.Id));
        var line = await LoggedAsync(e => e.MessageTemplate.Text.StartsWith("Hub connection {ConnectionId} refused", StringComparison.Ordinal)
            && CapturedLogs.Property(e, "ParticipantId") == alice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(LogEventLevel.Warning, line.Level);
        Assert.Equal(session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CapturedLogs.Property(line, "SessionId"));
        // The two open ones still work, and the limit is Alice's alone: Bob and the host connect as usual.
        await first.InvokeAsync("LeaveSession");
        await using var bobs = await factory.JoinedAsync(session.Id, bob.Token);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);

        // A closed connection frees its place.
        await first.DisposeAsync();
        await ProcessingTesting.WaitUntilAsync(() => Task.FromResult(limits.OpenConnections(alice.Id) == 1), "Alice's closed connection to be released", Deadline);
        await using var again = await factory.JoinedAsync(session.Id, alice.Token);
        await again.InvokeAsync("LeaveSession");
        Assert.Equal(2, limits.OpenConnections(alice.Id));
    }

    [Fact]
    public async Task CallsPerConnection_OverTheBucket_AreRefusedWith429AndRetryAfter_AndLoggedOnce()
    {
        var session = await _api.CreateSessionAsync();
        var carol = await _api.JoinAsync(session, "Carol");
        await using var flooder = factory.HubClient(carol.Token);
        await flooder.StartAsync();
        await using var calm = factory.HubClient(session.AdminCode);
        await calm.StartAsync();

        // Twenty calls at once against a bucket of five that refills one a second.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                await flooder.Connection.InvokeAsync("LeaveSession");
                return null;
            }
            catch (HubException ex)
            {
                return ex;
            }
        }));

        var refused = outcomes.OfType<HubException>().ToList();
        Assert.InRange(outcomes.Count(o => o is null), 5, 9); // the burst, and what refilled meanwhile on a slow machine
        Assert.All(refused, r => Assert.Matches(@"429 Too Many Requests: more than 1 hub calls a second on this connection \(bursts of 5\); LeaveSession was not carried out, retry after \d+ s\.", r.Message));
        // The limit is the connection's: another connection's calls go through.
        await calm.InvokeAsync("LeaveSession");

        var lines = factory.Logs.Events.Where(e => e.MessageTemplate.Text.StartsWith("Hub connection {ConnectionId} (", StringComparison.Ordinal)
            && CapturedLogs.Property(e, "ConnectionId") == flooder.Connection.ConnectionId).ToList();
        var line = Assert.Single(lines); // one line for the whole flood, not one per refused call
        Assert.Equal(LogEventLevel.Warning, line.Level);
        Assert.Equal("participant", CapturedLogs.Property(line, "Role"));
        Assert.Equal("0", CapturedLogs.Property(line, "RefusedBefore"));

        // Once the bucket has refilled, the connection is served again.
        await ProcessingTesting.WaitUntilAsync(async () =>
        {
            try
            {
                await flooder.Connection.InvokeAsync("LeaveSession");
                return true;
            }
            catch (HubException ex) when (ex.Message.Contains("429", StringComparison.Ordinal))
            {
                return false;
            }
        }, "the flooder's bucket to refill", Deadline);
    }

    /// <summary>The error a connection was closed with once authenticated (or that its start failed with).</summary>
    private static async Task<string> RefusedConnectionAsync(SessionHubClient client)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        var startError = await Record.ExceptionAsync(client.StartAsync);
        var error = startError ?? await closed.Task.WaitAsync(Deadline);
        Assert.NotNull(error);
        return error.Message;
    }

    private async Task<LogEvent> LoggedAsync(Func<LogEvent, bool> match)
    {
        LogEvent? found = null;
        await ProcessingTesting.WaitUntilAsync(() => Task.FromResult((found = factory.Logs.Events.FirstOrDefault(match)) is not null), "the log line", Deadline);
        return found!;
    }
}
