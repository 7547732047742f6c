using Conflicto.Server.Access;

namespace Conflicto.Server.Summaries;

/// <summary>
/// What each audience sees of a summary. The host sees all of it. Everyone else (participants,
/// viewers, the <c>session.summary</c> event) sees only activities that were published, and of
/// those: no highlights where the results were hidden from the audience (<c>show_results</c> /
/// <c>show_live_results</c> false), and no winners' names for an anonymous activity. Counts are
/// always shown: they name no one.
/// </summary>
public static class SummaryViews
{
    public const string Host = "host";
    public const string Public = "public";

    public static SessionSummary For(SessionSummary full, string view)
    {
        var activities = full.Activities.Where(a => DraftRules.IsPublic(a.State))
            .Select(a => a with { Highlights = a.ResultsHidden ? null : a.Anonymous ? WithoutWinners(a.Highlights) : a.Highlights })
            .ToList();
        var shown = activities.Select(a => a.Id).ToHashSet();
        return full with
        {
            View = view,
            Activities = activities,
            Winners = LastWinners(activities),
            Timeline = full.Timeline.Where(t => t.ActivityId is not { } id || shown.Contains(id)).ToList(),
            ResponseCount = activities.Sum(a => a.Responses),
        };
    }

    public static SessionSummary WithOwn(SessionSummary view, int participantId, IReadOnlyDictionary<Guid, int> own)
    {
        var answered = view.Activities.Where(a => own.ContainsKey(a.Id)).Select(a => a.Id).ToList();
        return view with { You = new OwnParticipation(participantId, answered.Count, answered.Sum(id => own[id]), answered) };
    }

    /// <summary>The winners of the last activity (in the session's order) whose highlights name some.</summary>
    public static IReadOnlyList<SummaryWinner>? LastWinners(IEnumerable<ActivitySummary> activities) =>
        activities.LastOrDefault(a => a.Highlights?.Winners is not null)?.Highlights!.Winners;

    private static SummaryHighlights? WithoutWinners(SummaryHighlights? highlights) =>
        highlights is null ? null : highlights with { Winners = null } is { TopWords: null, TopQuestions: null, Leading: null, Average: null, Top: null } ? null : highlights with { Winners = null };
}
