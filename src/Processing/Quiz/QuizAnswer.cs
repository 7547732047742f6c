using System.Text.Json;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.Quiz;

/// <summary>
/// A quiz answer as stored: what the participant sent (question, options, its own receive-to-answer
/// time) and what the server measured when it arrived (<see cref="QuizTiming"/>).
/// </summary>
public sealed record QuizAnswer(int QuestionIndex, IReadOnlyList<int> OptionIndices, long? ClientElapsedMs, long? ElapsedMs, long? ObservedMs, long? RoundTripMs)
{
    public const int MaxOptions = 6;
    public const string QuestionIndexField = "question_index";
    public const string OptionIndicesField = "option_indices";
    public const string OptionIndexField = "option_index";
    public const string ClientElapsedField = "client_elapsed_ms";

    /// <summary>The answer in a response, or null when it is none (a wrong shape reads as absent).</summary>
    public static QuizAnswer? Read(JsonElement data)
    {
        if (ResponseData.Int(data, QuestionIndexField) is not { } question) return null;
        var picked = new List<int>();
        if (ResponseData.Int(data, OptionIndexField) is { } single) picked.Add(single);
        else if (ResponseData.Array(data, OptionIndicesField) is { } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var i)) return null;
                picked.Add(i);
            }
        }
        picked.Sort();
        return new QuizAnswer(question, picked, Long(data, ClientElapsedField), Long(data, "elapsed_ms"), Long(data, "observed_ms"), Long(data, "round_trip_ms"));
    }

    /// <summary>The stored form: the client's fields normalised, the server's measurements beside them (a client cannot send those).</summary>
    public JsonElement ToData() => Data.Infrastructure.Json.ToElement(new Dictionary<string, object?>
    {
        [QuestionIndexField] = QuestionIndex,
        [OptionIndicesField] = OptionIndices,
        [ClientElapsedField] = ClientElapsedMs,
        ["elapsed_ms"] = ElapsedMs,
        ["observed_ms"] = ObservedMs,
        ["round_trip_ms"] = RoundTripMs,
    });

    private static long? Long(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d)
            ? (long)Math.Round(Math.Clamp(d, 0, 1e12))
            : null;
}
