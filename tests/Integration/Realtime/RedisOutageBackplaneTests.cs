using System.Collections.Concurrent;
using Conflicto.Server.Realtime;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// What the SignalR Redis backplane does around an outage, seen through <see cref="BackplaneGuard{THub}"/>:
/// a connection made while Redis is down gets its Redis subscription once Redis is back (a message
/// published to it on Redis reaches it), sends that need Redis never throw while it is down, and the
/// node logs the outage in one line each way.
/// </summary>
public sealed class RedisOutageBackplaneTests(RedisOutageApiFactory factory) : IClassFixture<RedisOutageApiFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ConnectionMadeWhileRedisIsDown_IsServed_AndGetsItsSubscriptionWhenRedisIsBack()
    {
        var hub = factory.Services.GetRequiredService<IHubContext<SessionHub>>();
        var backplane = factory.Services.GetRequiredService<RedisBackplane>();
        await using var warmUp = await ConnectedAsync(new ConcurrentQueue<string>()); // the backplane connects with the first hub connection
        await WaitUntilAsync(() => backplane.IsConnected && Redis.IsReachable, "Redis to be up (and logged so)");
        var mark = factory.Logs.Events.Count;

        await factory.Redis.StopAsync();
        var probes = new ConcurrentQueue<string>();
        SessionHubClient client;
        string id;
        try
        {
            await WaitUntilAsync(() => !backplane.IsConnected, "the backplane to see Redis gone");
            client = await ConnectedAsync(probes);
            id = client.Connection.ConnectionId!;
            // Its subscription is held until StackExchange.Redis gives up on it (5 s), while the connection works.
            await WaitUntilAsync(() => Since(mark).Any(e => IsAbout(e, "failed; they are set up again", id)), "the subscription to fail");
            Assert.Equal(HubConnectionState.Connected, client.Connection.State);

            // Sends that need Redis: this node's connections get them, the others' are dropped, none throws.
            await hub.Clients.Clients([id]).SendCoreAsync("Probe", ["down: to it"]);
            await hub.Clients.All.SendCoreAsync("Probe", ["down: to all"]);
            await hub.Clients.Client("on-another-node").SendCoreAsync("Probe", ["lost"]);
            await hub.Clients.Group("some-group").SendCoreAsync("Probe", ["lost"]);
            await WaitUntilAsync(() => probes.Count >= 2, "the local sends");
            Assert.Equal(["down: to it", "down: to all"], probes);
        }
        finally
        {
            await factory.Redis.StartAsync();
        }
        await using var _ = client;
        await WaitUntilAsync(() => Since(mark).Any(e => IsAbout(e, "set up after the outage", id)), "the subscription to be set up again");

        // Published on Redis (a message to a list of connections always is), read back by this node's subscription.
        await hub.Clients.Clients([id]).SendCoreAsync("Probe", ["up: through Redis"]);
        await WaitUntilAsync(() => probes.Count >= 3, "the message through Redis");
        Assert.Equal("up: through Redis", probes.Last());
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);

        await WaitUntilAsync(() => Since(mark).Any(e => e.MessageTemplate.Text.StartsWith("Redis back after", StringComparison.Ordinal)), "Redis to be logged back");
        var lines = Since(mark).Where(e => e.Level >= LogEventLevel.Information).ToList();
        var outage = Assert.Single(lines, e => e.MessageTemplate.Text.StartsWith("Redis unreachable", StringComparison.Ordinal));
        Assert.Equal(LogEventLevel.Warning, outage.Level);
        Assert.Equal(LogEventLevel.Information, Assert.Single(lines, e => e.MessageTemplate.Text.StartsWith("Redis back after", StringComparison.Ordinal)).Level);
        var others = lines.Where(e => e.Level >= LogEventLevel.Warning && e != outage).ToList();
        Assert.True(others.Count == 0, string.Join("\n", others.Select(e => $"{e.Level} {CapturedLogs.Property(e, "SourceContext")}: {e.RenderMessage()}")));
    }

    [Fact]
    public async Task GroupChanges_WhileRedisIsDown_AreRefusedAtOnceWithTheReason()
    {
        var hub = factory.Services.GetRequiredService<IHubContext<SessionHub>>();
        var backplane = factory.Services.GetRequiredService<RedisBackplane>();
        await using var client = await ConnectedAsync(new ConcurrentQueue<string>());
        await WaitUntilAsync(() => backplane.IsConnected && Redis.IsReachable, "Redis to be up (and logged so)");
        await hub.Groups.AddToGroupAsync(client.Connection.ConnectionId!, "before"); // Redis up: as SignalR does it

        await factory.Redis.StopAsync();
        IOException refused;
        try
        {
            await WaitUntilAsync(() => !backplane.IsConnected, "the backplane to see Redis gone");
            refused = await Assert.ThrowsAsync<IOException>(() => hub.Groups.AddToGroupAsync(client.Connection.ConnectionId!, "during"));
        }
        finally
        {
            await factory.Redis.StartAsync();
        }

        Assert.Contains("Redis is unreachable", refused.Message);
        await WaitUntilAsync(() => backplane.IsConnected && Redis.IsReachable, "Redis to be back (and logged so)");
        await hub.Groups.AddToGroupAsync(client.Connection.ConnectionId!, "after");
    }

    private RedisAvailability Redis => factory.Services.GetRequiredService<RedisAvailability>();

    private async Task<SessionHubClient> ConnectedAsync(ConcurrentQueue<string> probes)
    {
        var client = factory.HubClient(null);
        client.Connection.On<string>("Probe", probes.Enqueue);
        await client.StartAsync();
        return client;
    }

    private static bool IsAbout(LogEvent e, string text, string connectionId) =>
        e.MessageTemplate.Text.Contains(text, StringComparison.Ordinal) && CapturedLogs.Property(e, "ConnectionId") == connectionId;

    private IEnumerable<LogEvent> Since(int mark) => factory.Logs.Events.Skip(mark);

    private static Task WaitUntilAsync(Func<bool> condition, string what) => ProcessingTesting.WaitUntilAsync(() => Task.FromResult(condition()), what, Deadline);
}
