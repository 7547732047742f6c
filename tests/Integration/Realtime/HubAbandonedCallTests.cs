using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;
using Dapper;
using Npgsql;
using Serilog.Events;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// A client that goes away in the middle of <c>SubmitResponse</c> is no failure: the call is logged
/// at Information, nothing at Error (before: SignalR's "Failed to invoke hub method" with a
/// TaskCanceledException), and the response it had queued is still stored, once.
/// </summary>
public sealed class HubAbandonedCallTests(HubCallsApiFactory factory) : IClassFixture<HubCallsApiFactory>
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ClientGone_MidSubmitResponse_IsLoggedAtInformation_NotError_AndTheResponseIsStoredOnce()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        var phone = await factory.JoinedAsync(session.Id, alice.Token);
        var connectionId = phone.Connection.ConnectionId;
        var mark = factory.Logs.Events.Count;

        // Hold the session's row lock, so the response's write waits in the database.
        await using var blocker = new NpgsqlConnection(factory.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("select 1 from sessions where id = @id for update", new { id = session.Id }, hold);

        var call = phone.InvokeAsync("SubmitResponse", poll, new { option_index = 1 }, "gone-mid-call");
        await ProcessingTesting.WaitUntilAsync(async () => await blocker.ExecuteScalarAsync<long>(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", transaction: hold) > 0,
            "the response's write to wait for the session lock", Deadline);
        await phone.DisposeAsync(); // the phone leaves mid-call
        Assert.NotNull(await Record.ExceptionAsync(() => call));

        var abandoned = await LoggedAsync(e => e.MessageTemplate.Text.StartsWith("Hub call {HubMethod} abandoned", StringComparison.Ordinal)
            && CapturedLogs.Property(e, "ConnectionId") == connectionId);
        await hold.RollbackAsync();

        Assert.Equal(LogEventLevel.Information, abandoned.Level);
        Assert.Equal("SubmitResponse", CapturedLogs.Property(abandoned, "HubMethod"));
        Assert.Equal("participant", CapturedLogs.Property(abandoned, "Role"));
        Assert.Null(abandoned.Exception);
        // Queued before the phone left: written all the same, once (a retry with the key would find it).
        await ProcessingTesting.WaitUntilAsync(async () => await ProcessingTesting.ScalarAsync<long>(factory.ConnectionString,
            "select count(*) from user_responses where activity_id = @poll", new { poll }) == 1, "the queued response to be stored", Deadline);
        var loud = factory.Logs.Events.Skip(mark).Where(e => e.Level >= LogEventLevel.Warning || e.Exception is OperationCanceledException).ToList();
        Assert.True(loud.Count == 0, string.Join("\n", loud.Select(e => $"{e.Level} {CapturedLogs.Property(e, "SourceContext")}: {e.RenderMessage()} {e.Exception?.GetType().Name}")));
    }

    private async Task<LogEvent> LoggedAsync(Func<LogEvent, bool> match)
    {
        LogEvent? found = null;
        await ProcessingTesting.WaitUntilAsync(() => Task.FromResult((found = factory.Logs.Events.FirstOrDefault(match)) is not null), "the log line", Deadline);
        return found!;
    }
}
