using System.Text.Json;
using Conflicto.Data.Processing;

namespace Conflicto.Processing.Pipeline;

/// <summary>
/// Does one kind of job. <see cref="JobOutcome.StillCurrent"/> tells the store whether the
/// subject, as it is when the result is saved, is still what was processed (else the result is
/// stale and the job ends skipped).
/// </summary>
public interface IJobHandler
{
    string Kind { get; }

    Task<JobOutcome> RunAsync(JobRow job, CancellationToken ct);
}

public sealed record JobOutcome(JsonElement Result, Func<JsonElement?, bool>? StillCurrent)
{
    /// <summary>
    /// Set when the job was handed to an external workflow that answers by callback before this
    /// time: the worker records nothing and is free; the job stays processing under its lease.
    /// </summary>
    public DateTime? HandedOffUntil { get; init; }

    public static JobOutcome HandedOff(DateTime deadline) => new(default, null) { HandedOffUntil = deadline };
}
