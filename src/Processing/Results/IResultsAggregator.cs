using Conflicto.Data.Responses;

namespace Conflicto.Processing.Results;

/// <summary>
/// Folds responses into an activity's results. Add and Remove keep it incremental: an edit is
/// Remove(old) then Add(new), so live results never need to re-read every response.
/// </summary>
public interface IResultsAggregator
{
    void Add(ResponseRow response);
    void Remove(ResponseRow response);
    /// <summary>The results document, shaped per activity type (snake_case like the REST API).</summary>
    object Snapshot();
}
