using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Sessions;
using Conflicto.Data.Summaries;
using Conflicto.Processing.Results;

namespace Conflicto.Server.Summaries;

/// <summary>
/// Makes a session's summary, the host's cut (<see cref="SummaryViews"/> cuts it for the others):
/// counts from the database, highlights from each activity's results computed as the results
/// route computes them (a quiz's podium and a numeric guess's closest from <see cref="SummaryWinners"/>), and the timeline from the activities' open and close times.
/// </summary>
public sealed class SummaryBuilder(SummaryStore store, ActivityStore activities, SnapshotStore snapshots, SummaryWinners winners, TimeProvider clock)
{
    public async Task<SessionSummary> BuildAsync(SessionRow session, CancellationToken ct)
    {
        var facts = await store.ReadFactsAsync(session.Id, ct);
        var (rows, _) = await activities.ListAsync(session.Id, null, 0, int.MaxValue, ct);
        var items = new List<ActivitySummary>(rows.Count);
        foreach (var row in rows)
        {
            var counts = facts.Activities.GetValueOrDefault(row.Id) ?? new ActivityParticipation(row.Id, 0, 0);
            var seed = counts.Responses > 0 ? await snapshots.ReadResultsBaseAsync(row.Id, ct) : null;
            var activity = seed?.Activity ?? row;
            var results = seed is { } s ? ResultsCalculator.Compute(s.Activity, s.Responses) : null;
            var highlights = results is null ? null : HighlightReader.Read(Data.Infrastructure.Json.ToElement(results));
            if (results is not null && await winners.ReadAsync(activity, results, ct) is { } named)
                highlights = (highlights ?? new SummaryHighlights(null, null, null, null, null, null)) with { Winners = named };
            items.Add(new ActivitySummary(activity.Id, activity.ActivityType, activity.Title, activity.State, Anonymity.IsAnonymous(activity.Configuration),
                activity.StartedAt, activity.CompletedAt, counts.Responses, counts.Participants,
                facts.Joined == 0 ? 0 : Math.Round((double)counts.Participants / facts.Joined, 4), ResultsHidden(activity), highlights));
        }
        return new SessionSummary(session.Id, session.Title, session.Status, SummaryViews.Host, session.StartedAt, session.CompletedAt,
            clock.GetUtcNow().UtcDateTime, new SummaryParticipation(facts.Joined, facts.Answered), items.Sum(a => a.Responses), items,
            SummaryViews.LastWinners(items), Timeline(session, items), facts.Joins.Select(j => new JoinCount(j.Minute, j.Joins)).ToList(), null);
    }

    /// <summary>As the participant page decides it (src/Web/src/join/summary.js): the configuration's or the metadata's flags.</summary>
    public static bool ResultsHidden(ActivityRow activity) =>
        Flag(activity.Configuration, "show_results") == false || Flag(activity.Configuration, "show_live_results") == false
        || Flag(activity.ActivityMetadata, "show_live_results") == false;

    private static bool? Flag(System.Text.Json.JsonElement data, string name) =>
        data.ValueKind == System.Text.Json.JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
            ? v.GetBoolean() : null;

    private static List<TimelineEntry> Timeline(SessionRow session, IReadOnlyList<ActivitySummary> items)
    {
        var timeline = new List<TimelineEntry>();
        if (session.StartedAt is { } started) timeline.Add(new TimelineEntry(started, "session_started", null, null));
        foreach (var a in items)
        {
            if (a.OpenedAt is { } opened) timeline.Add(new TimelineEntry(opened, "activity_opened", a.Id, a.Title));
            if (a.ClosedAt is { } closed) timeline.Add(new TimelineEntry(closed, "activity_closed", a.Id, a.Title));
        }
        if (session.CompletedAt is { } completed) timeline.Add(new TimelineEntry(completed, "session_completed", null, null));
        return timeline.OrderBy(t => t.At).ThenBy(t => Order(t.Kind)).ToList();
    }

    /// <summary>At the same instant, a session starts before anything opens, and closes after everything.</summary>
    private static int Order(string kind) => kind switch { "session_started" => 0, "activity_closed" => 1, "activity_opened" => 2, _ => 3 };
}
