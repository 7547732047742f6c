using System.ComponentModel.DataAnnotations;

namespace Conflicto.Data.Processing;

/// <summary>Job settings the data layer needs (section <c>Processing</c>).</summary>
public sealed class JobOptions
{
    /// <summary>Attempts a job gets (the first and its automatic retries) before it stays failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;
}
