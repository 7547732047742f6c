using System.Threading.Channels;
using Conflicto.Data.Infrastructure;
using Conflicto.Processing.Hosting;
using Conflicto.Tests.Unit.Data.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conflicto.Tests.Unit.Processing.Hosting;

/// <summary>While the database is unreachable a loop waits longer after each failed tick, and the outage is logged once.</summary>
public sealed class PeriodicServiceBackoffTests
{
    private static readonly TimeSpan Deadline = LoopClock.Deadline;

    private sealed class Probe(TimeProvider clock, DatabaseAvailability database, int failingTicks)
        : PeriodicService(clock, NullLogger.Instance, database)
    {
        private int _ticks;
        public readonly Channel<DateTimeOffset> Ticks = Channel.CreateUnbounded<DateTimeOffset>();

        protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

        protected override Task TickAsync(CancellationToken ct)
        {
            Ticks.Writer.TryWrite(Clock.GetUtcNow());
            return ++_ticks <= failingTicks ? throw Outages.Refused() : Task.CompletedTask;
        }
    }

    [Fact]
    public async Task UnreachableDatabase_WaitsDoubleEachTimeUpToTheCap_ThenTicksOnItsIntervalAgain()
    {
        var clock = new LoopClock();
        var (database, log) = Outages.Availability(clock, backoffMaxSeconds: 30);
        using var probe = new Probe(clock, database, failingTicks: 6);
        var start = clock.GetUtcNow();
        await clock.StartedAsync(probe);

        var ticks = new List<DateTimeOffset>();
        var waits = new List<TimeSpan>();
        clock.Fake.Advance(TimeSpan.FromSeconds(5));
        for (var failure = 1; failure <= 6; failure++)
        {
            ticks.Add(await probe.Ticks.Reader.ReadAsync().AsTask().WaitAsync(Deadline));
            var wait = await clock.NextWaitAsync();
            waits.Add(wait);
            clock.Fake.Advance(wait); // the timer's beats missed meanwhile fire once: the next tick comes at once
        }
        ticks.Add(await probe.Ticks.Reader.ReadAsync().AsTask().WaitAsync(Deadline)); // succeeds
        clock.Fake.Advance(TimeSpan.FromSeconds(5));
        ticks.Add(await probe.Ticks.Reader.ReadAsync().AsTask().WaitAsync(Deadline));
        await probe.StopAsync(CancellationToken.None);

        Assert.Equal(new[] { 5, 10, 20, 30, 30, 30 }.Select(s => TimeSpan.FromSeconds(s)), waits);
        Assert.Equal(new[] { 5, 10, 20, 40, 70, 100, 130, 135 }.Select(s => start.AddSeconds(s)), ticks);
        Assert.False(clock.Waits.Reader.TryRead(out _)); // a successful tick does not wait
        Assert.Equal(0, probe.OutageFailures);
        Assert.Equal(LogLevel.Warning, Assert.Single(log.Lines).Level); // six failures, one line
        Assert.False(database.IsReachable); // only a connection (or a caller's success) says it is back
    }
}
