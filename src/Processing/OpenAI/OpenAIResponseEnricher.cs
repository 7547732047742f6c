using Conflicto.Processing.Enrichment;
using OpenAI.Chat;

namespace Conflicto.Processing.OpenAI;

/// <summary>
/// Enriches and moderates free text with an OpenAI(-compatible) model and strict structured output.
/// Fails like <see cref="OpenAIActivityAnalyzer"/>: an unusable answer is an
/// <see cref="Analysis.AnalyzerOutputException"/>, transport errors surface as the SDK throws them.
/// </summary>
public sealed class OpenAIResponseEnricher(ChatClient client, string model) : IResponseEnricher
{
    private readonly StructuredChat _chat = new(client, EnrichmentPrompt.SchemaName, EnrichmentPrompt.AnswerSchema);

    public OpenAIResponseEnricher(OpenAIOptions options) : this(OpenAIClientFactory.CreateChatClient(options), options.Model) { }

    public string Name { get; } = $"openai:{model}";

    public async Task<Enrichment.Enrichment> EnrichAsync(EnrichmentInput input, CancellationToken ct)
    {
        var answer = await _chat.CompleteAsync(EnrichmentPrompt.SystemPrompt, EnrichmentPrompt.UserMessage(input), ct);
        return EnrichmentAnswer.Map(answer, Name);
    }
}
