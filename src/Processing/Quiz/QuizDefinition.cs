using System.Text.Json;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.Quiz;

/// <summary>One question as the host wrote it, correct options included (server-side only).</summary>
public sealed record QuizQuestion(int Index, string Text, string? ImageUrl, int TimeLimitSeconds, IReadOnlyList<string> Options, IReadOnlyList<int> Correct)
{
    public bool MultiSelect => Correct.Count > 1;

    public int TimeLimitMs => TimeLimitSeconds * 1000;

    /// <summary>Correct when exactly the correct options are picked (no partial credit on multi-select questions).</summary>
    public bool IsCorrect(IReadOnlyCollection<int> picked) => picked.Count == Correct.Count && Correct.All(picked.Contains);
}

/// <summary>
/// A quiz's configuration read tolerantly (a wrong shape reads as absent; the schema refused it
/// already on write). Holds the answer key: nothing built from it leaves the server except through
/// <see cref="QuizSecrets"/> and the reveal.
/// </summary>
public sealed record QuizDefinition(IReadOnlyList<QuizQuestion> Questions, int PointsBase, bool SpeedScoring, int StreakBonus, bool Anonymous, int LeaderboardSize)
{
    public const int DefaultTimeLimitSeconds = 20;
    public const int DefaultPointsBase = 1000;
    public const int DefaultStreakBonus = 100;
    public const int DefaultLeaderboardSize = 10;

    public QuizQuestion? Question(int index) => index >= 0 && index < Questions.Count ? Questions[index] : null;

    public static QuizDefinition From(JsonElement configuration)
    {
        var questions = new List<QuizQuestion>();
        if (ResponseData.Array(configuration, "questions") is { } array)
        {
            foreach (var q in array.EnumerateArray())
            {
                if (q.ValueKind != JsonValueKind.Object) continue;
                var options = new List<string>();
                var correct = new List<int>();
                if (ResponseData.Array(q, "options") is { } opts)
                {
                    foreach (var o in opts.EnumerateArray())
                    {
                        var text = o.ValueKind == JsonValueKind.String ? o.GetString() : ResponseData.String(o, "text");
                        if (o.ValueKind == JsonValueKind.Object && ConfigKeys.Flag(o, "correct", false)) correct.Add(options.Count);
                        options.Add(text ?? "");
                    }
                }
                questions.Add(new QuizQuestion(questions.Count, ResponseData.String(q, "text") ?? "", ResponseData.String(q, "image_url"),
                    ResponseData.Int(q, "time_limit_seconds") ?? DefaultTimeLimitSeconds, options, correct));
            }
        }
        return new QuizDefinition(questions,
            ResponseData.Int(configuration, "points_base") ?? DefaultPointsBase,
            ConfigKeys.Flag(configuration, "speed_scoring", true),
            ResponseData.Int(configuration, "streak_bonus") ?? DefaultStreakBonus,
            ConfigKeys.Flag(configuration, "anonymous", false) || ConfigKeys.Flag(configuration, "anonymous_voting", false),
            ResponseData.Int(configuration, "leaderboard_size") ?? DefaultLeaderboardSize);
    }
}
