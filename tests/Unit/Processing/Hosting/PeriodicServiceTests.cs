using System.Threading.Channels;
using Conflicto.Processing.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conflicto.Tests.Unit.Processing.Hosting;

/// <summary>Background loops tick on the registered clock: a fake one (<see cref="LoopClock"/>) drives them tick by tick.</summary>
public sealed class PeriodicServiceTests
{
    private static readonly TimeSpan Deadline = LoopClock.Deadline;

    private sealed class Probe(TimeProvider clock, Func<int, Task>? onTick = null)
        : PeriodicService(clock, NullLogger.Instance, Data.Infrastructure.Outages.Availability(clock).Database)
    {
        private int _ticks;
        public readonly Channel<DateTimeOffset> Ticks = Channel.CreateUnbounded<DateTimeOffset>();
        public int Failures;

        protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

        protected override async Task TickAsync(CancellationToken ct)
        {
            var tick = ++_ticks;
            Ticks.Writer.TryWrite(Clock.GetUtcNow());
            if (onTick is not null) await onTick(tick);
        }

        protected override void OnTickFailed() => Interlocked.Increment(ref Failures);
    }

    [Fact]
    public async Task Ticks_OnceAnIntervalOfTheClock()
    {
        var clock = new LoopClock();
        var start = clock.GetUtcNow();
        using var probe = new Probe(clock);
        await clock.StartedAsync(probe);

        var seen = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(2.5));
            clock.Advance(TimeSpan.FromSeconds(2.5));
            seen.Add(await probe.Ticks.Reader.ReadAsync().AsTask().WaitAsync(Deadline));
        }
        await probe.StopAsync(CancellationToken.None);

        Assert.Equal(new[] { start.AddSeconds(5), start.AddSeconds(10), start.AddSeconds(15) }, seen);
        Assert.False(probe.Ticks.Reader.TryRead(out _));
    }

    [Fact]
    public async Task FailingTick_IsReportedAndTheLoopGoesOn()
    {
        var clock = new LoopClock();
        using var probe = new Probe(clock, tick => tick == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask);
        await clock.StartedAsync(probe);

        clock.Advance(TimeSpan.FromSeconds(5));
        await probe.Ticks.Reader.ReadAsync().AsTask().WaitAsync(Deadline);
        // The failure is handled before the loop waits again, so the second tick comes after it.
        clock.Advance(TimeSpan.FromSeconds(5));
        await probe.Ticks.Reader.ReadAsync().AsTask().WaitAsync(Deadline);
        await probe.StopAsync(CancellationToken.None);

        Assert.Equal(1, Volatile.Read(ref probe.Failures));
        Assert.True(probe.ExecuteTask!.IsCompletedSuccessfully);
    }
}
