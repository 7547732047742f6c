using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Exports;
using Conflicto.Data.Sessions;
using Conflicto.Processing.Quiz;
using Conflicto.Processing.Results;
using Conflicto.Server.Quiz;

namespace Conflicto.Server.Exports;

/// <summary>One activity of an export: the activity, whether it is anonymous, and its final results.</summary>
public sealed record ExportedActivity(ActivityRow Activity, bool Anonymous, JsonElement Results);

/// <summary>
/// What an export reads, shared by its formats: the session, its activities in their order (or
/// the one asked for), each with its results computed as the results route computes them, and
/// its responses streamed a page at a time. Anonymous activities are anonymous here already: the
/// store masks their authors, and their results lose any <c>participant_id</c> / <c>nickname</c>
/// an aggregator might carry (a leaderboard of an anonymous quiz names no one either).
/// </summary>
public sealed class ExportSource(SessionRow session, IReadOnlyList<ActivityRow> activities, SnapshotStore snapshots, ExportStore store, QuizService quizzes)
{
    private static readonly string[] PersonFields = ["participant_id", "participant_ids", "nickname", "nicknames"];

    public SessionRow Session => session;

    public IReadOnlyList<ActivityRow> Activities => activities;

    public async Task<ExportedActivity> ReadActivityAsync(ActivityRow activity, CancellationToken ct)
    {
        var anonymous = Anonymity.IsAnonymous(activity.Configuration);
        var seed = await snapshots.ReadResultsBaseAsync(activity.Id, ct);
        var results = Data.Infrastructure.Json.ToElement(ResultsCalculator.Compute(seed?.Activity ?? activity, seed?.Responses ?? []));
        return new ExportedActivity(seed?.Activity ?? activity, anonymous, anonymous ? WithoutPeople(results) : results);
    }

    public IAsyncEnumerable<ExportedResponse> ResponsesAsync(ExportedActivity activity, CancellationToken ct) =>
        store.ReadAsync(activity.Activity.Id, activity.Anonymous, ct);

    /// <summary>Whether any activity of the export is a quiz (the XLSX then has a "Quiz scores" sheet).</summary>
    public bool HasQuiz => activities.Any(IsQuiz);

    public bool IsQuiz(ActivityRow activity) => QuizSecrets.IsQuiz(activity.ActivityType);

    /// <summary>
    /// A quiz's standings as the leaderboard route computes them (<see cref="QuizService.StandingsAsync"/>),
    /// every player rather than the route's top few; nothing for another type. An anonymous quiz
    /// lists nobody, as the leaderboard route lists nobody for it.
    /// </summary>
    public async Task<IReadOnlyList<QuizStanding>> ScoresAsync(ActivityRow quiz, CancellationToken ct)
    {
        if (!IsQuiz(quiz)) return [];
        var (definition, _, standings, _) = await quizzes.StandingsAsync(quiz, ct);
        return definition.Anonymous || Anonymity.IsAnonymous(quiz.Configuration) ? [] : standings;
    }

    /// <summary>The host's moderation decision when there is one, else the enricher's verdict.</summary>
    public static string? Moderation(ExportedResponse response) => response.ModerationOverride ?? response.ModerationVerdict;

    public static string Time(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonElement WithoutPeople(JsonElement results)
    {
        var node = JsonNode.Parse(results.GetRawText());
        Strip(node);
        return JsonSerializer.SerializeToElement(node);
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in PersonFields) obj.Remove(name);
                foreach (var (_, child) in obj.ToList()) Strip(child);
                break;
            case JsonArray array:
                foreach (var child in array) Strip(child);
                break;
        }
    }
}
