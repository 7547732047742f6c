using Conflicto.Data.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Conflicto.Tests.Unit.Data.Infrastructure;

/// <summary>An outage is one state change each way, logged once, however many callers run into it.</summary>
public sealed class DatabaseAvailabilityTests
{
    [Fact]
    public void ManyFailures_ThenAConnection_LogOneLineEachWayWithTheOutageLength()
    {
        var clock = new FakeTimeProvider();
        var (database, log) = Outages.Availability(clock);

        for (var i = 0; i < 50; i++)
        {
            Assert.True(database.ReportFailure(i % 2 == 0 ? Outages.Refused() : Outages.PoolExhausted()));
            clock.Advance(TimeSpan.FromMilliseconds(240));
        }
        Assert.False(database.IsReachable);
        Assert.Equal(12, database.DownFor!.Value.TotalSeconds, precision: 3);
        database.ReportReachable();
        database.ReportReachable();

        Assert.True(database.IsReachable);
        Assert.Null(database.Reason);
        Assert.Collection(log.Lines,
            line => Assert.Equal((LogLevel.Warning, "Database unreachable: Failed to connect to 127.0.0.1:5432: Connection refused"), line),
            line => Assert.Equal((LogLevel.Information, "Database back after 12 s"), line));
    }

    [Fact]
    public void SecondOutage_IsLoggedAgain()
    {
        var clock = new FakeTimeProvider();
        var (database, log) = Outages.Availability(clock);

        database.ReportFailure(Outages.Refused());
        clock.Advance(TimeSpan.FromSeconds(3));
        database.ReportReachable();
        database.ReportFailure(Outages.PoolExhausted());
        clock.Advance(TimeSpan.FromSeconds(7.5));
        database.ReportReachable();

        Assert.Equal(["Warning", "Information", "Warning", "Information"], log.Lines.Select(l => l.Level.ToString()));
        Assert.StartsWith("Database unreachable: The connection pool has been exhausted", log.Lines[2].Text);
        Assert.Equal("Database back after 7.5 s", log.Lines[3].Text);
    }

    [Fact]
    public void ReachableWhileReachable_LogsNothing()
    {
        var (database, log) = Outages.Availability(new FakeTimeProvider());

        database.ReportReachable();

        Assert.True(database.IsReachable);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void StatementErrors_AreNotAnOutage()
    {
        var (database, log) = Outages.Availability(new FakeTimeProvider());

        Assert.False(database.ReportFailure(new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
        Assert.False(database.ReportFailure(new InvalidOperationException("a bug")));
        Assert.False(database.ReportFailure(new NpgsqlException("not transient")));

        Assert.True(database.IsReachable);
        Assert.Empty(log.Lines);
    }

    [Theory]
    [InlineData(1_000, 1, 1)]
    [InlineData(1_000, 2, 2)]
    [InlineData(1_000, 5, 16)]
    [InlineData(1_000, 6, 30)]
    [InlineData(1_000, 60, 30)]
    [InlineData(200, 1, 1)] // a fast loop still waits a second
    [InlineData(200, 3, 4)]
    [InlineData(60_000, 1, 30)] // never longer than the cap
    public void Backoff_DoublesFromTheIntervalUpToTheCap(int intervalMs, int failures, int expectedSeconds)
    {
        var (database, _) = Outages.Availability(new FakeTimeProvider(), backoffMaxSeconds: 30);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), database.BackoffDelay(failures, TimeSpan.FromMilliseconds(intervalMs)));
    }
}
