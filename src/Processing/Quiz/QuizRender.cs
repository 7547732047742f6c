using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Processing.Analysis;
using static Conflicto.Processing.Analysis.ResponseSchemas;

namespace Conflicto.Processing.Quiz;

/// <summary>
/// The rule-based render of a quiz. It is built from the public configuration only (the analysis
/// never sees the questions, <see cref="QuizSecrets"/>): participants answer the question the host
/// has open, picked from the options the <c>quiz.updated</c> event carries; the screen shows a leaderboard.
/// </summary>
internal static class QuizRender
{
    public static RenderPlan Plan(JsonElement configuration, string title)
    {
        var prompt = Prompts.Pick(null, title);
        var participant = new ParticipantRender("form", prompt, Fields:
        [
            new FieldRender(QuizAnswer.QuestionIndexField, "number", "Question", Required: true, Min: 0, Max: 99),
            new FieldRender(QuizAnswer.OptionIndicesField, "multiple_choice", "Your answer", Required: true),
            new FieldRender(QuizAnswer.ClientElapsedField, "number", "Milliseconds from receiving the question to answering", Min: 0),
        ]);
        return new RenderPlan(participant, new ViewerRender("ranked_list", prompt, "score"), Response());
    }

    /// <summary>What <see cref="QuizRules.Response"/> accepts, for any quiz: option indices are checked against the open question there.</summary>
    private static JsonObject Response()
    {
        var index = Integer(0, QuizAnswer.MaxOptions - 1);
        var elapsed = new JsonObject { ["type"] = "number", ["minimum"] = 0 };
        JsonObject With(string field, JsonObject schema, params string[] not)
        {
            var shape = Object([(QuizAnswer.QuestionIndexField, Integer(0, 99)), (field, schema), (QuizAnswer.ClientElapsedField, elapsed.DeepClone().AsObject())],
                [QuizAnswer.QuestionIndexField, field]);
            foreach (var other in not) shape["properties"]![other] = Not(new JsonObject());
            return shape;
        }
        var shapes = new JsonArray(
            With(QuizAnswer.OptionIndicesField, UniqueArray(index, 1, QuizAnswer.MaxOptions)),
            With(QuizAnswer.OptionIndexField, index.DeepClone().AsObject(), QuizAnswer.OptionIndicesField));
        return new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["description"] = "A quiz answer: the open question's index, the option(s) picked, and the client's own receive-to-answer time.",
            ["anyOf"] = shapes,
        };
    }
}
