using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Processing.Quiz;

namespace Conflicto.Server.Access;

/// <summary>
/// A quiz's questions and answer key are the host's until each question is started and revealed
/// (<see cref="QuizSecrets"/>). Every place an activity leaves the server for someone who may not
/// be its host asks here: REST reads (<see cref="DraftRules.View"/>, the active activity), the hub
/// snapshot and activity events (<see cref="EventRedaction"/>). The polling cache keys the host's
/// view apart (<see cref="DraftRules.CacheKey"/>), so a cached public answer never holds the key.
/// </summary>
public static class AnswerKeys
{
    public static ActivityRow For(ActivityRow activity, bool host) =>
        host || !QuizSecrets.IsQuiz(activity.ActivityType)
            ? activity
            : activity with { Configuration = QuizSecrets.PublicConfiguration(activity.ActivityType, activity.Configuration) };

    /// <summary>An activity document (event payload, snapshot entry) as non-hosts see it.</summary>
    public static JsonElement PublicActivity(JsonElement activity) => QuizSecrets.PublicActivity(activity);
}
