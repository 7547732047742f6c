using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Conflicto.Data.Operations;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Operations;

/// <summary>
/// Where the request path leaves its operations: a bounded channel that never makes a request
/// wait. When it is full the new operation is dropped and counted (<see cref="Dropped"/>, metric
/// <c>conflicto.operations.dropped</c> of meter <c>Conflicto.Operations</c>), never lost silently;
/// <see cref="OperationWriter"/> drains it into the database in batches.
/// </summary>
public sealed class OperationLog
{
    public const string MeterName = "Conflicto.Operations";

    private readonly Channel<OperationRecord> _channel;
    private readonly Counter<long> _droppedCounter;
    private readonly Counter<long> _writtenCounter;
    private long _dropped;
    private long _written;

    public OperationLog(IOptions<OperationOptions> options, IMeterFactory meters)
    {
        Enabled = options.Value.Enabled;
        _channel = Channel.CreateBounded<OperationRecord>(
            new BoundedChannelOptions(options.Value.ChannelCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => CountDropped(1));
        var meter = meters.Create(MeterName);
        _droppedCounter = meter.CreateCounter<long>("conflicto.operations.dropped", unit: "{operation}",
            description: "Operations not recorded: the queue was full, the database refused their batch, or the node stopped before writing them");
        _writtenCounter = meter.CreateCounter<long>("conflicto.operations.written", unit: "{operation}", description: "Operations written to the database");
        meter.CreateObservableGauge("conflicto.operations.queue.depth", () => _channel.Reader.Count, unit: "{operation}", description: "Operations waiting to be written");
    }

    /// <summary>Whether operations are recorded at all (<see cref="OperationOptions.Enabled"/>).</summary>
    public bool Enabled { get; }

    /// <summary>Operations this node dropped since it started.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Operations this node wrote since it started.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Operations waiting to be written.</summary>
    public int Queued => _channel.Reader.Count;

    internal ChannelReader<OperationRecord> Reader => _channel.Reader;

    /// <summary>Queues an operation without waiting; a full queue drops it (counted by the channel's drop callback).</summary>
    public void Record(in OperationRecord operation)
    {
        // False only once the log is closed: the node is stopping and the final flush has begun.
        if (!_channel.Writer.TryWrite(operation)) CountDropped(1);
    }

    /// <summary>Takes no more operations; what is queued can still be read and written.</summary>
    internal void Close() => _channel.Writer.TryComplete();

    internal void CountDropped(int count)
    {
        Interlocked.Add(ref _dropped, count);
        _droppedCounter.Add(count);
    }

    internal void CountWritten(int count)
    {
        Interlocked.Add(ref _written, count);
        _writtenCounter.Add(count);
    }
}
