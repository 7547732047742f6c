using System.ComponentModel.DataAnnotations;

namespace Conflicto.Server.Operations;

/// <summary>Section <c>Operations</c>: operation tracking (docs/operations.md, "Operation tracking").</summary>
public sealed class OperationOptions
{
    /// <summary>Record hub invocations and REST requests. Off: nothing is queued or written; reads and retention still work.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Operations waiting in memory to be written. Full, a new operation is dropped (and counted)
    /// rather than making its request wait. The writer empties it every <see cref="FlushIntervalMs"/>,
    /// so it must hold what arrives meanwhile at peak: the default holds two seconds of 5,000
    /// operations/s (the ingest target of DESIGN §8).
    /// </summary>
    [Range(1, 10_000_000)]
    public int ChannelCapacity { get; set; } = 10_000;

    /// <summary>Most operations written in one COPY.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1_000;

    /// <summary>How long the writer lets operations gather before it writes them (every queued one, in batches).</summary>
    [Range(10, 3_600_000)]
    public int FlushIntervalMs { get; set; } = 1_000;

    /// <summary>Operations older than this are deleted.</summary>
    [Range(1, 3_650)]
    public int RetentionDays { get; set; } = 7;

    /// <summary>While operations are being dropped, one Warning line per this interval says how many.</summary>
    [Range(100, 3_600_000)]
    public int DropReportIntervalMs { get; set; } = 10_000;
}
