using System.Text.Json;
using Conflicto.Processing.Schemas;

namespace Conflicto.Processing.ActivityTypes;

/// <summary>
/// The activity types the platform knows. Any other type is allowed too (activities are opaque
/// JSON): it is stored as sent, validated only as a JSON object, and gets generic results.
/// </summary>
public static class ActivityTypeCatalog
{
    public const string Poll = "poll";
    public const string WordCloud = "word_cloud";
    public const string Qa = "qa";
    /// <summary>The first Conflicto's id of Q&amp;A: the same activity, stored under the id the client sent.</summary>
    public const string Qna = "qna";
    public const string PlanningPoker = "planning_poker";
    public const string Scale = "scale";
    public const string Ranking = "ranking";
    public const string OpenText = "open_text";
    public const string Numeric = "numeric";
    public const string Quiz = "quiz";

    public static readonly IReadOnlyList<ActivityTypeDefinition> Known =
    [
        new(Poll, "Poll", "Participants pick one option (or several when allow_multiple / allow_multiple_choice is set); results show votes per option.", "1.0.0", ActivityTypeSchemas.Poll, SingleSlot: true),
        new(WordCloud, "Word cloud", "Participants submit short words or phrases; results show how often each was given.", "1.0.0", ActivityTypeSchemas.WordCloud, SingleSlot: false),
        new(Qa, "Q&A", "Participants ask questions and upvote others' questions; results rank questions by votes.", "1.0.0", ActivityTypeSchemas.Qa, SingleSlot: false),
        new(Qna, "Q&A (legacy id)", "The first Conflicto's id of Q&A: the same activity, with its required topic and defaults.", "1.0.0", ActivityTypeSchemas.Qna, SingleSlot: false),
        new(PlanningPoker, "Planning poker", "Participants estimate a story with a card; results show the spread, average and consensus.", "1.0.0", ActivityTypeSchemas.PlanningPoker, SingleSlot: true),
        new(Scale, "Scale", "Participants rate one statement or several from 1 to N (2-10); results show the average and the distribution per statement.", "1.0.0", Types.ScaleType.Schema, SingleSlot: true),
        new(Ranking, "Ranking", "Participants put 2-10 items in order; results rank the items by Borda count (n-1 points for a first place, down to 0).", "1.0.0", Types.RankingType.Schema, SingleSlot: true),
        new(OpenText, "Open text", "Participants answer in their own words; answers are moderated and enriched (sentiment, topics), and shown when the host chooses.", "1.0.0", Types.OpenTextType.Schema, SingleSlot: false),
        new(Numeric, "Numeric guess", "Participants guess a number between min and max; results show the distribution, mean and median, and the closest guesses once the host reveals the correct value.", "1.0.0", Types.NumericType.Schema, SingleSlot: true),
        new(Quiz, "Quiz", "Questions with a time limit and correct options, revealed by the host; speed-scored points, streaks, a leaderboard and a podium.", "1.0.0", Processing.Quiz.QuizSchema.Configuration, SingleSlot: false),
    ];

    private static readonly Dictionary<string, ActivityTypeDefinition> ById = Known.ToDictionary(t => t.Id);

    public static ActivityTypeDefinition? Find(string id) => ById.GetValueOrDefault(id);

    public static bool IsSingleSlot(string activityType) => Find(activityType)?.SingleSlot ?? false;

    /// <summary>Checks a configuration: errors make it unusable, warnings are worth telling the host.</summary>
    public static ConfigurationCheck Validate(string activityType, JsonElement configuration)
    {
        if (configuration.ValueKind != JsonValueKind.Object)
            return new ConfigurationCheck(["(root): configuration must be a JSON object"], []);

        var definition = Find(activityType);
        if (definition is null)
            return new ConfigurationCheck([], [$"Unknown activity type '{activityType}': the configuration is stored as sent and results are generic."]);

        var errors = JsonSchemaValidator.Validate(definition.ConfigurationSchema, configuration).ToList();
        var warnings = new List<string>();
        if (errors.Count == 0) ActivityTypeRules.Check(activityType, configuration, errors, warnings);
        return new ConfigurationCheck(errors, warnings);
    }
}

public sealed record ConfigurationCheck(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}
