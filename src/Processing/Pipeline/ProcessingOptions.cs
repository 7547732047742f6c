using System.ComponentModel.DataAnnotations;

namespace Conflicto.Processing.Pipeline;

/// <summary>Section <c>Processing</c> (besides <c>MaxAttempts</c>, read by the data layer, and <c>OpenAI</c>).</summary>
public sealed class ProcessingOptions : IValidatableObject
{
    /// <summary>
    /// Whether this node runs jobs. A node with false still queues them durably (another node, or
    /// this one after a restart, does them): for nodes that only serve traffic, and for tests.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs waiting in memory per node; when full, jobs stay pending in the database and the sweeper brings them back.</summary>
    [Range(1, 1_000_000)]
    public int Capacity { get; set; } = 1_000;

    /// <summary>Jobs processed at once per node.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 2;

    /// <summary>Longest one attempt may take before it counts as failed.</summary>
    [Range(1, 3_600)]
    public int JobTimeoutSeconds { get; set; } = 180;

    /// <summary>How long a claimed job is its node's; past it (a crash), another node reclaims it. Must exceed the job timeout.</summary>
    [Range(2, 86_400)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>First retry delay; each further attempt doubles it (with jitter), up to <see cref="RetryMaxDelayMs"/>.</summary>
    [Range(1, 3_600_000)]
    public int RetryBaseDelayMs { get; set; } = 2_000;

    [Range(1, 86_400_000)]
    public int RetryMaxDelayMs { get; set; } = 300_000;

    /// <summary>How often the sweeper re-queues due jobs, retries failures and reclaims expired leases.</summary>
    [Range(50, 600_000)]
    public int SweepIntervalMs { get; set; } = 1_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseSeconds <= JobTimeoutSeconds)
            yield return new ValidationResult("Processing:LeaseSeconds must be greater than Processing:JobTimeoutSeconds, or running jobs would be reclaimed.",
                [nameof(LeaseSeconds), nameof(JobTimeoutSeconds)]);
        if (RetryMaxDelayMs < RetryBaseDelayMs)
            yield return new ValidationResult("Processing:RetryMaxDelayMs must be at least Processing:RetryBaseDelayMs.", [nameof(RetryMaxDelayMs)]);
    }
}
