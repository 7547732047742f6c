using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Responses;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.ActivityTypes;

/// <summary>
/// The limits across one participant's responses that the batch writer enforces under the
/// session lock: a word cloud's word cap, and one upvote per participant and question.
/// </summary>
public static class ParticipantRules
{
    public static IParticipantRule? For(ActivityRow activity) => activity.ActivityType switch
    {
        ActivityTypeCatalog.WordCloud => new WordCap(ConfigKeys.WordCap(activity.Configuration)),
        ActivityTypeCatalog.Qa or ActivityTypeCatalog.Qna when !ConfigKeys.QaAllowsMultipleVotes(activity.Configuration) => OneVotePerQuestion.Instance,
        ActivityTypeCatalog.OpenText => new AnswerCap(Types.OpenTextType.AnswersPerParticipant(activity.Configuration)),
        ActivityTypeCatalog.Quiz => Quiz.QuizOnce.Instance,
        _ => null,
    };

    /// <summary>Open text: <c>max_answers_per_participant</c> answers (default 1); edit one to change it.</summary>
    private sealed class AnswerCap(int cap) : IParticipantRule
    {
        public string? OnceKey(JsonElement responseData) => null;

        public int Cost(JsonElement responseData) => 1;

        public int? Budget => cap;

        public string OverBudget(int used) => $"This question takes at most {cap} answer(s) per participant; you have given {used}. Edit an answer to change it.";
    }

    /// <summary><c>max_words_per_participant</c> counted over every response the participant has given.</summary>
    private sealed class WordCap(int cap) : IParticipantRule
    {
        public string? OnceKey(JsonElement responseData) => null;

        public int Cost(JsonElement responseData) => WordCloudResults.Words(responseData).Count;

        public int? Budget => cap;

        public string OverBudget(int used) =>
            $"This word cloud takes at most {cap} word(s) per participant, across all of their responses; you have given {used}.";
    }

    /// <summary>A second upvote of the same question answers with the first (withdraw it by deleting that response).</summary>
    private sealed class OneVotePerQuestion : IParticipantRule
    {
        public static readonly OneVotePerQuestion Instance = new();

        public string? OnceKey(JsonElement responseData) => QaResults.UpvoteTarget(responseData) is { } question ? $"vote:{question}" : null;

        public int Cost(JsonElement responseData) => 0;

        public int? Budget => null;

        public string OverBudget(int used) => "";
    }
}
