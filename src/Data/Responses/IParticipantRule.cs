using System.Text.Json;

namespace Conflicto.Data.Responses;

/// <summary>
/// A limit over one participant's responses to one activity, which only the session lock can
/// check without a race: <see cref="ResponseBatchWriter"/> applies it to the participant's earlier
/// responses, stored and earlier in the same batch. Processing knows the activity types and
/// implements it; Data only counts.
/// </summary>
public interface IParticipantRule
{
    /// <summary>
    /// Responses with the same key count once: a second one answers with the first (replayed, like a
    /// retried idempotency key) and stores nothing. Null: the response has no such key.
    /// </summary>
    string? OnceKey(JsonElement responseData);

    /// <summary>What a response uses of the participant's <see cref="Budget"/> (words, say).</summary>
    int Cost(JsonElement responseData);

    /// <summary>How much one participant may use in the activity across responses; null: no budget.</summary>
    int? Budget { get; }

    /// <summary>Why a response that would go over the budget is refused, given what is already used.</summary>
    string OverBudget(int used);
}

/// <summary>The two checks of a rule against a participant's other responses, shared by the batch writer and edits.</summary>
public static class ParticipantRuleChecks
{
    /// <summary>The earlier response with the same once-key as <paramref name="responseData"/>, if any.</summary>
    public static ResponseRow? SameKeyAs(this IParticipantRule rule, JsonElement responseData, IEnumerable<ResponseRow> others) =>
        rule.OnceKey(responseData) is { } key ? others.FirstOrDefault(r => rule.OnceKey(r.ResponseData) == key) : null;

    /// <summary>Why <paramref name="responseData"/> would take the participant over the budget, or null when it fits.</summary>
    public static string? OverBudgetWith(this IParticipantRule rule, JsonElement responseData, IEnumerable<ResponseRow> others)
    {
        if (rule.Budget is not { } budget) return null;
        var used = others.Sum(r => rule.Cost(r.ResponseData));
        return used + rule.Cost(responseData) > budget ? rule.OverBudget(used) : null;
    }
}
