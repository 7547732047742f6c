using Conflicto.Processing.Pipeline;
using Microsoft.Extensions.Options;

namespace Conflicto.Tests.Unit.Processing.Pipeline;

public class JobQueueTests
{
    private static JobQueue Queue(int capacity) => new(Options.Create(new ProcessingOptions { Capacity = capacity }));

    private static JobKey Key(int i) => new("activity_analysis", new Guid(i, 0, 0, new byte[8]), 1);

    [Fact]
    public async Task Offer_WhenFull_DropsAndCountsIt_AndTakesInOrder()
    {
        var queue = Queue(2);

        Assert.True(queue.Offer(Key(1)));
        Assert.True(queue.Offer(Key(2)));
        Assert.False(queue.Offer(Key(3)));
        Assert.Equal(1, queue.Dropped);
        Assert.Equal(2, queue.Depth);
        Assert.Equal(Key(1), await queue.TakeAsync(CancellationToken.None));
        Assert.True(queue.Offer(Key(3))); // room again: a dropped job can be offered again (by the sweeper)
        Assert.Equal(Key(2), await queue.TakeAsync(CancellationToken.None));
        Assert.Equal(Key(3), await queue.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Offer_OfAKeyAlreadyWaiting_QueuesItOnce()
    {
        var queue = Queue(10);

        queue.Offer(Key(1));
        queue.Offer(Key(1));
        queue.Offer(Key(1));

        Assert.Equal(1, queue.Depth);
        await queue.TakeAsync(CancellationToken.None);
        Assert.True(queue.Offer(Key(1)));
        Assert.Equal(1, queue.Depth);
    }

    [Fact]
    public async Task TakeAsync_AfterComplete_DrainsThenEnds()
    {
        var queue = Queue(10);
        queue.Offer(Key(1));
        queue.Complete();

        Assert.Equal(Key(1), await queue.TakeAsync(CancellationToken.None));
        Assert.Null(await queue.TakeAsync(CancellationToken.None));
    }
}
