namespace Conflicto.Data.Summaries;

/// <summary>Counts of one activity's responses: all of them, and the distinct participants who gave them.</summary>
public sealed record ActivityParticipation(Guid ActivityId, int Responses, int Participants);

/// <summary>How many participants joined in the minute starting at <see cref="Minute"/>.</summary>
public sealed record JoinBucket(DateTime Minute, int Joins);

/// <summary>
/// What a session summary counts, read in one go: everyone who ever joined (those who left
/// included), how many of them answered anything, joins per minute, and per activity its
/// responses and distinct participants.
/// </summary>
public sealed record SummaryFacts(int Joined, int Answered, IReadOnlyList<JoinBucket> Joins, IReadOnlyDictionary<Guid, ActivityParticipation> Activities);
