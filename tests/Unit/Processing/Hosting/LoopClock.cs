using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Conflicto.Tests.Unit.Processing.Hosting;

/// <summary>
/// A fake clock that watches a background loop's waits, shared by the loop tests. A BackgroundService
/// starts its loop on the thread pool, so time moved before the loop made its timer would be time it
/// never saw: <see cref="TimerMade"/> says when the loop's periodic timer exists. <see cref="Waits"/>
/// receives the length of every one-shot wait (<c>Task.Delay</c>) the loop starts, such as a back-off.
/// </summary>
public sealed class LoopClock : TimeProvider
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public FakeTimeProvider Fake { get; } = new();

    public Channel<TimeSpan> Waits { get; } = Channel.CreateUnbounded<TimeSpan>();

    public TaskCompletionSource TimerMade { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();
    public override long GetTimestamp() => Fake.GetTimestamp();
    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        if (period == Timeout.InfiniteTimeSpan) Waits.Writer.TryWrite(dueTime);
        else TimerMade.TrySetResult();
        return timer;
    }

    /// <summary>Starts <paramref name="service"/> and returns once its loop has made its timer.</summary>
    public async Task StartedAsync(Microsoft.Extensions.Hosting.IHostedService service)
    {
        await service.StartAsync(CancellationToken.None);
        await TimerMade.Task.WaitAsync(Deadline);
    }

    /// <summary>The next one-shot wait the loop starts (bounded by <see cref="Deadline"/>).</summary>
    public Task<TimeSpan> NextWaitAsync() => Waits.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

    public void Advance(TimeSpan by) => Fake.Advance(by);
}
