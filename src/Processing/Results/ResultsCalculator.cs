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
        ActivityTypeCatalog.Qa or ActivityTypeCatalog.Qna => new QaResults(activity.Configuration, activity.ActivityType),
        ActivityTypeCatalog.PlanningPoker => new PlanningPokerResults(activity.Configuration),
        ActivityTypeCatalog.Scale => new ScaleResults(activity.Configuration),
        ActivityTypeCatalog.Ranking => new RankingResults(activity.Configuration),
        ActivityTypeCatalog.OpenText => new OpenTextResults(activity.Configuration),
        ActivityTypeCatalog.Numeric => new NumericResults(activity.Configuration),
        ActivityTypeCatalog.Quiz => new Quiz.QuizResults(),
        _ => new GenericResults(),
    };

    /// <summary>Results from scratch, leaving out what moderation hides (a host's reject, on every activity).</summary>
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
