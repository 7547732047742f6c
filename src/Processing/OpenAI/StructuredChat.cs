using System.Text.Json;
using Conflicto.Processing.Analysis;
using OpenAI.Chat;

namespace Conflicto.Processing.OpenAI;

/// <summary>
/// One chat completion with a strict <c>json_schema</c> response format, returning the answer's
/// JSON object. Anything that is not one (a refusal, a truncated or filtered answer, text that does
/// not parse) is an <see cref="AnalyzerOutputException"/>; transport failures are left to the caller.
/// </summary>
internal sealed class StructuredChat(ChatClient client, string schemaName, string jsonSchema)
{
    private readonly BinaryData _schema = BinaryData.FromString(jsonSchema);

    public async Task<JsonElement> CompleteAsync(string systemPrompt, string userMessage, CancellationToken ct)
    {
        // No temperature: reasoning models reject it, and the strict schema already pins the shape.
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(schemaName, _schema, jsonSchemaIsStrict: true),
        };
        ChatMessage[] messages = [new SystemChatMessage(systemPrompt), new UserChatMessage(userMessage)];

        (string? Refusal, ChatFinishReason FinishReason, string Text) reply;
        try
        {
            var completion = (await client.CompleteChatAsync(messages, options, ct)).Value;
            var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
            reply = (completion.Refusal, completion.FinishReason, text);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException or ArgumentOutOfRangeException)
        {
            // HTTP 200 but not a chat completion (an "OpenAI-compatible" server that is not quite, a
            // proxy's error page): the SDK fails reading the body (bad JSON, a wrong type) or its first choice (none).
            throw new AnalyzerOutputException($"The model server's reply is not a chat completion: {e.Message}", e);
        }

        if (!string.IsNullOrEmpty(reply.Refusal))
            throw new AnalyzerOutputException($"The model refused to answer: {reply.Refusal}");
        if (reply.FinishReason == ChatFinishReason.Length)
            throw new AnalyzerOutputException("The model's answer was cut off at the token limit (finish_reason length).");
        if (reply.FinishReason == ChatFinishReason.ContentFilter)
            throw new AnalyzerOutputException("The model's answer was withheld by its content filter (finish_reason content_filter).");
        if (string.IsNullOrWhiteSpace(reply.Text))
            throw new AnalyzerOutputException("The model's answer is empty.");

        try
        {
            using var document = JsonDocument.Parse(reply.Text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new AnalyzerOutputException($"The model's answer is JSON but not an object (got {document.RootElement.ValueKind}).");
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AnalyzerOutputException($"The model's answer is not valid JSON: {e.Message}", e);
        }
    }
}
