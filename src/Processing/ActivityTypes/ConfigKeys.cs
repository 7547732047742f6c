using System.Text.Json;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.ActivityTypes;

/// <summary>
/// Configuration settings that have a legacy name beside ours (legacy-clients.md), read in one
/// place so rules, results, renders and moderation cannot disagree on what a key means.
/// A flag counts only when it is a JSON boolean; anything else reads as its default.
/// </summary>
public static class ConfigKeys
{
    public const int DefaultWordCap = 3;
    public const int DefaultMaxWordLength = 25;

    public static bool Flag(JsonElement configuration, string name, bool fallback) =>
        configuration.ValueKind == JsonValueKind.Object && configuration.TryGetProperty(name, out var value)
            ? value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => fallback }
            : fallback;

    public static bool IsQa(string activityType) => activityType is ActivityTypeCatalog.Qa or ActivityTypeCatalog.Qna;

    /// <summary>Poll: <c>allow_multiple</c>, or its legacy name <c>allow_multiple_choice</c>.</summary>
    public static bool PollAllowsMultiple(JsonElement configuration) =>
        Flag(configuration, "allow_multiple", false) || Flag(configuration, "allow_multiple_choice", false);

    public static bool ShowLiveResults(JsonElement configuration) => Flag(configuration, "show_live_results", true);

    /// <summary>Q&amp;A: upvotes are on unless <c>allow_upvotes</c> or the legacy <c>enable_voting</c> is false.</summary>
    public static bool QaAllowsUpvotes(JsonElement configuration) =>
        Flag(configuration, "allow_upvotes", true) && Flag(configuration, "enable_voting", true);

    public static bool QaAllowsMultipleVotes(JsonElement configuration) => Flag(configuration, "allow_multiple_votes", false);

    /// <summary>The legacy type keeps the first Conflicto's defaults (500 characters, anonymous questions allowed).</summary>
    public static int QaMaxQuestionLength(string activityType, JsonElement configuration) =>
        ResponseData.Int(configuration, "max_question_length") ?? (activityType == ActivityTypeCatalog.Qna ? 500 : 280);

    public static bool QaAllowsAnonymous(string activityType, JsonElement configuration) =>
        Flag(configuration, "allow_anonymous", activityType == ActivityTypeCatalog.Qna);

    /// <summary>
    /// Words one participant may give across all of their responses: <c>max_words_per_participant</c>;
    /// a legacy configuration with only <c>max_words_per_submission</c> gets that number as its cap
    /// too (one full submission, or smaller ones adding up to it); neither: 3.
    /// </summary>
    public static int WordCap(JsonElement configuration) =>
        ResponseData.Int(configuration, "max_words_per_participant") ?? ResponseData.Int(configuration, "max_words_per_submission") ?? DefaultWordCap;

    /// <summary>Words in one response: the per-submission limit where configured, never more than the cap.</summary>
    public static int WordsPerSubmission(JsonElement configuration) =>
        Math.Min(ResponseData.Int(configuration, "max_words_per_submission") ?? int.MaxValue, WordCap(configuration));

    public static int MaxWordLength(JsonElement configuration) => ResponseData.Int(configuration, "max_word_length") ?? DefaultMaxWordLength;

    /// <summary>Phrases are allowed unless <c>allow_phrases</c> is false (the legacy default was false; ours always took phrases).</summary>
    public static bool AllowsPhrases(JsonElement configuration) => Flag(configuration, "allow_phrases", true);

    public static bool CaseSensitive(JsonElement configuration) => Flag(configuration, "case_sensitive", false);

    public static IReadOnlyList<string> BannedWords(JsonElement configuration) => ResponseData.StringList(configuration, "banned_words");
}
