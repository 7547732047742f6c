using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Conflicto.Processing.Pipeline;

/// <summary>A job to look at: which subject, of which kind, in which session.</summary>
public sealed record JobKey(string Kind, Guid SubjectId, int SessionId);

/// <summary>
/// The node's bounded in-memory queue of jobs to try. It is only a hint: the truth is the
/// database. Offering to a full queue drops the key, and that is safe, because the job is already
/// pending there and the sweeper offers it again; a key already queued is not queued twice.
/// </summary>
public sealed class JobQueue(IOptions<ProcessingOptions> options)
{
    private readonly Channel<JobKey> _channel = Channel.CreateBounded<JobKey>(
        new BoundedChannelOptions(options.Value.Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = false });
    private readonly ConcurrentDictionary<JobKey, byte> _queued = new();
    private long _dropped;

    public int Depth => _channel.Reader.Count;

    public int Capacity => options.Value.Capacity;

    /// <summary>Offers that found the queue full (the sweeper brought those jobs back).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool Offer(JobKey key)
    {
        if (!_queued.TryAdd(key, 0)) return true;
        if (_channel.Writer.TryWrite(key)) return true;
        _queued.TryRemove(key, out _);
        Interlocked.Increment(ref _dropped);
        return false;
    }

    public async ValueTask<JobKey?> TakeAsync(CancellationToken ct)
    {
        while (await _channel.Reader.WaitToReadAsync(ct))
        {
            if (_channel.Reader.TryRead(out var key))
            {
                _queued.TryRemove(key, out _);
                return key;
            }
        }
        return null;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
