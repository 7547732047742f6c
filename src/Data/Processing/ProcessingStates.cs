namespace Conflicto.Data.Processing;

/// <summary>
/// The processing life cycle, of jobs and of the things they process (activities, responses),
/// checked here and nowhere else:
/// not_processed → pending → processing → completed | failed | skipped, and failed → pending on a
/// retry. A subject that changes after it was processed goes back to pending (completed or
/// skipped → pending) to be processed again; jobs never do (a new job is made).
/// </summary>
public static class ProcessingStates
{
    public const string NotProcessed = "not_processed";
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    public static readonly IReadOnlyList<string> All = [NotProcessed, Pending, Processing, Completed, Failed, Skipped];

    private static readonly Dictionary<string, string[]> JobTransitions = new()
    {
        [NotProcessed] = [Pending],
        [Pending] = [Processing, Skipped],
        [Processing] = [Completed, Failed, Skipped],
        [Failed] = [Pending],
        [Completed] = [],
        [Skipped] = [],
    };

    public static bool IsKnown(string state) => JobTransitions.ContainsKey(state);

    public static bool CanTransition(string from, string to) =>
        JobTransitions.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>Subjects may also be queued again after they changed (even while being processed: that result is then stale).</summary>
    public static bool CanTransitionSubject(string from, string to) =>
        CanTransition(from, to) || (to == Pending && from is Completed or Skipped or Pending or Processing);

    /// <summary>The states a job may be in to move to <paramref name="to"/> (for guarded SQL updates).</summary>
    public static string[] From(string to) => JobTransitions.Where(t => t.Value.Contains(to)).Select(t => t.Key).ToArray();
}

public static class JobKinds
{
    public const string ActivityAnalysis = "activity_analysis";
    public const string ResponseEnrichment = "response_enrichment";
}
