namespace Conflicto.Server.Summaries;

/// <summary>
/// A session's summary (<c>GET /api/v1/sessions/{id}/summary</c>, and the <c>session.summary</c>
/// event once it completed). <see cref="View"/> says whose cut it is: <c>host</c> (everything,
/// drafts included), <c>participant</c> (the public cut and <see cref="You"/>), <c>viewer</c> and
/// <c>public</c> (the event's payload: what anyone in the session may see).
/// </summary>
/// <param name="Winners">The winners of the last activity whose results name some (a quiz's podium), or null.</param>
/// <param name="Joins">Participants who joined per minute.</param>
public sealed record SessionSummary(
    int SessionId, string Title, string Status, string View, DateTime? StartedAt, DateTime? CompletedAt, DateTime GeneratedAt,
    SummaryParticipation Participants, int ResponseCount, IReadOnlyList<ActivitySummary> Activities, IReadOnlyList<SummaryWinner>? Winners,
    IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<JoinCount> Joins, OwnParticipation? You);

/// <param name="Joined">Everyone who ever joined the session (those who left included).</param>
/// <param name="Answered">Those of them who answered at least once.</param>
public sealed record SummaryParticipation(int Joined, int Answered);

/// <param name="Participants">Distinct participants who answered it.</param>
/// <param name="Participation">Participants / joined, 0–1 (0 when nobody joined).</param>
/// <param name="ResultsHidden">Its results are not shown to the audience (<c>show_results</c> or <c>show_live_results</c> false): only the host's cut has its highlights.</param>
/// <param name="Highlights">What its results stand out with; null when they have nothing to show, or the audience may not see them.</param>
public sealed record ActivitySummary(
    Guid Id, string ActivityType, string Title, string State, bool Anonymous, DateTime? OpenedAt, DateTime? ClosedAt,
    int Responses, int Participants, double Participation, bool ResultsHidden, SummaryHighlights? Highlights);

/// <summary>
/// Read from an activity's results (<see cref="HighlightReader"/>): each is null when the results
/// carry nothing of the kind.
/// </summary>
/// <param name="Winners">From <c>podium</c>, else <c>leaderboard</c>, else <c>winners</c>: the first three places.</param>
/// <param name="TopWords">A word cloud's five most frequent words.</param>
/// <param name="TopQuestions">A Q&amp;A's three most upvoted questions.</param>
/// <param name="Leading">The option(s) with the most votes.</param>
/// <param name="Average">The results' <c>average</c> (a scale's, a numeric guess's).</param>
/// <param name="Top">The results' own <c>top</c> list, first five entries, as they are.</param>
public sealed record SummaryHighlights(
    IReadOnlyList<SummaryWinner>? Winners, IReadOnlyList<SummaryWord>? TopWords, IReadOnlyList<SummaryQuestion>? TopQuestions,
    IReadOnlyList<SummaryOption>? Leading, double? Average, IReadOnlyList<System.Text.Json.JsonElement>? Top);

public sealed record SummaryWinner(int Rank, string Nickname, double? Score);

public sealed record SummaryWord(string Text, int Count);

public sealed record SummaryQuestion(Guid? Id, string Text, int Upvotes);

public sealed record SummaryOption(string Text, int Votes);

/// <param name="Kind"><c>session_started</c>, <c>activity_opened</c>, <c>activity_closed</c> or <c>session_completed</c>.</param>
public sealed record TimelineEntry(DateTime At, string Kind, Guid? ActivityId, string? Title);

public sealed record JoinCount(DateTime Minute, int Joins);

/// <summary>The asking participant's own part (only in its own cut).</summary>
/// <param name="Answered">The activities it answered, of those in the summary.</param>
public sealed record OwnParticipation(int ParticipantId, int ActivitiesAnswered, int Responses, IReadOnlyList<Guid> Answered);
