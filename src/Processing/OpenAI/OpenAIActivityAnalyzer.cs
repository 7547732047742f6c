using Conflicto.Processing.Analysis;
using OpenAI.Chat;

namespace Conflicto.Processing.OpenAI;

/// <summary>
/// Asks an OpenAI(-compatible) model for an activity's <see cref="SchemaRender"/> with strict
/// structured output, then checks every part of the answer before anything is returned.
/// </summary>
/// <remarks>
/// Failures: <see cref="AnalyzerOutputException"/> for an unusable answer;
/// <see cref="System.ClientModel.ClientResultException"/> for an HTTP error left after the SDK's retries
/// (its <c>Status</c> says which); <see cref="TaskCanceledException"/> for a timeout of the last attempt
/// (or <paramref name="ct"/> firing).
/// </remarks>
public sealed class OpenAIActivityAnalyzer(ChatClient client, string model) : IActivityAnalyzer
{
    private readonly StructuredChat _chat = new(client, ActivityAnalysisPrompt.SchemaName, ActivityAnalysisPrompt.AnswerSchema);

    public OpenAIActivityAnalyzer(OpenAIOptions options) : this(OpenAIClientFactory.CreateChatClient(options), options.Model) { }

    public string Name { get; } = $"openai:{model}";

    public async Task<SchemaRender> AnalyzeAsync(ActivityAnalysisInput input, CancellationToken ct)
    {
        var answer = await _chat.CompleteAsync(ActivityAnalysisPrompt.SystemPrompt, ActivityAnalysisPrompt.UserMessage(input), ct);
        return await RenderAnswer.MapAsync(answer, Name, ct);
    }
}
