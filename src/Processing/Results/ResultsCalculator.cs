using Conflicto.Data.Activities;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;

namespace Conflicto.Processing.Results;

public static class ResultsCalculator
{
    public static IResultsAggregator CreateAggregator(ActivityRow activity) => activity.ActivityType switch
    {
        ActivityTypeCatalog.Poll => new PollResults(activity.Configuration),
        ActivityTypeCatalog.WordCloud => new WordCloudResults(activity.Configuration),
        ActivityTypeCatalog.Qa => new QaResults(activity.Configuration),
        ActivityTypeCatalog.PlanningPoker => new PlanningPokerResults(activity.Configuration),
        _ => new GenericResults(),
    };

    /// <summary>Results from scratch, leaving out what moderation hides.</summary>
    public static object Compute(ActivityRow activity, IEnumerable<ResponseRow> responses)
    {
        var aggregator = CreateAggregator(activity);
        foreach (var response in responses)
        {
            if (!Enrichment.Moderation.IsHidden(activity.Configuration, response)) aggregator.Add(response);
        }
        return aggregator.Snapshot();
    }
}
