using System.ComponentModel.DataAnnotations;

namespace Conflicto.Server.Quiz;

/// <summary>Section <c>Quiz</c>: how far the server trusts a client's own answer time (docs/quiz.md).</summary>
public sealed class QuizOptions
{
    /// <summary>The most round-trip time a hub connection is credited with, whatever its pings measured (a client can slow its pings down, never speed them up).</summary>
    [Range(0, 10_000)]
    public int MaxRoundTripMs { get; set; } = 1000;

    /// <summary>REST answers: the server never sent that client the question at a known time, so it allows this much (a polling interval) below its own measure.</summary>
    [Range(0, 60_000)]
    public int RestAllowanceMs { get; set; } = 2000;

    /// <summary>Join snapshots read a quiz's standings from the node's cache (QuizStandingsCache); false reads them from the database on every join (for measurements).</summary>
    public bool StandingsCache { get; set; } = true;
}
