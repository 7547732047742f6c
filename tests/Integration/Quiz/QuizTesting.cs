using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Quiz;

/// <summary>A quiz whose answer key and later questions carry markers a leak scan can look for, and the host's actions.</summary>
internal static class QuizTesting
{
    /// <summary>Text that exists only in question 2, which is never started before the scans end.</summary>
    public const string UnstartedMarker = "ZEBRA-UNSTARTED";

    public static object Configuration(int timeLimit = 30, bool anonymous = false) => new
    {
        questions = new object[]
        {
            new { text = "Capital of France?", time_limit_seconds = timeLimit, options = new object[] { new { text = "Lyon" }, new { text = "Paris", correct = true }, new { text = "Nice" } } },
            new { text = $"{UnstartedMarker} question?", time_limit_seconds = timeLimit, options = new object[] { new { text = $"{UnstartedMarker} yes", correct = true }, new { text = "no" } } },
        },
        points_base = 1000,
        streak_bonus = 100,
        anonymous,
    };

    public static Task<Guid> CreateActiveQuizAsync(this Api api, Api.Session session, int timeLimit = 30, bool anonymous = false) =>
        api.CreateActiveActivityAsync(session, "quiz", Configuration(timeLimit, anonymous), title: "Friday quiz");

    public static async Task<JsonNode> ActAsync(this Api api, Api.Session session, Guid quiz, string action, HttpStatusCode expected = HttpStatusCode.OK, int? questionIndex = null) =>
        await Api.ReadAsync(await api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{quiz}/quiz/actions",
            questionIndex is { } q ? new { action, question_index = q } : new { action }, adminCode: session.AdminCode), expected);

    /// <summary>Paths (in <paramref name="where"/>) at which a payload tells which option is correct, or shows a question not started yet.</summary>
    public static IEnumerable<string> Leaks(JsonElement payload, string where)
    {
        var text = payload.GetRawText();
        if (text.Contains(UnstartedMarker, StringComparison.Ordinal)) yield return $"{where}: shows the unstarted question";
        foreach (var path in CorrectProperties(payload, where)) yield return path;
    }

    public static IEnumerable<string> Leaks(JsonNode? payload, string where) =>
        payload is null ? [] : Leaks(JsonDocument.Parse(payload.ToJsonString()).RootElement, where);

    /// <summary>
    /// Any property naming correctness (correct, correct_indices, is_correct...) that holds an answer:
    /// a boolean, a number, a non-empty array. Not the count of correct answers a score carries, nor the
    /// type schema's description of the field (an object).
    /// </summary>
    private static IEnumerable<string> CorrectProperties(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name;
                    var named = name.Contains("correct", StringComparison.OrdinalIgnoreCase) && name is not ("correct_answers" or "correctAnswers");
                    var holdsAnswer = property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number or JsonValueKind.String
                        || (property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() > 0);
                    if (named && holdsAnswer)
                        yield return $"{path}.{name}";
                    foreach (var inner in CorrectProperties(property.Value, $"{path}.{name}")) yield return inner;
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    foreach (var inner in CorrectProperties(item, $"{path}[{i++}]")) yield return inner;
                break;
        }
    }

    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
