using Conflicto.Server.Realtime;
using Microsoft.Extensions.Options;

namespace Conflicto.Tests.Unit.Server.Realtime;

public sealed class SnapshotGateTests
{
    [Fact]
    public async Task RunAsync_MoreReadersThanSlots_TheExtraWaitsUntilOneFinishes()
    {
        using var gate = new SnapshotGate(Options.Create(new RealtimeOptions { MaxConcurrentSnapshots = 2 }));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        async Task<int> Read()
        {
            Interlocked.Increment(ref started);
            await release.Task;
            return 1;
        }

        var first = gate.RunAsync(Read, CancellationToken.None);
        var second = gate.RunAsync(Read, CancellationToken.None);
        var third = gate.RunAsync(Read, CancellationToken.None);
        await Task.Delay(50);

        Assert.Equal(2, Volatile.Read(ref started));
        release.SetResult();
        Assert.Equal(3, (await Task.WhenAll(first, second, third)).Sum());
        Assert.Equal(3, Volatile.Read(ref started));
    }

    [Fact]
    public async Task RunAsync_ReaderThrows_ItsSlotIsFreedForTheNext()
    {
        using var gate = new SnapshotGate(Options.Create(new RealtimeOptions { MaxConcurrentSnapshots = 1 }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<int>(() => throw new InvalidOperationException("boom"), CancellationToken.None));
        var next = await gate.RunAsync(() => Task.FromResult(7), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(7, next);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaiting_NeverRunsTheRead()
    {
        using var gate = new SnapshotGate(Options.Create(new RealtimeOptions { MaxConcurrentSnapshots = 1 }));
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = gate.RunAsync(async () => { await hold.Task; return 0; }, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var ran = false;

        var waiting = gate.RunAsync(() => { ran = true; return Task.FromResult(1); }, cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        hold.SetResult();
        await holder;
        Assert.False(ran);
    }
}
