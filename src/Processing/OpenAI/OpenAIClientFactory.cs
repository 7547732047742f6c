using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;

namespace Conflicto.Processing.OpenAI;

/// <summary>Builds the SDK's <see cref="ChatClient"/> from <see cref="OpenAIOptions"/>.</summary>
public static class OpenAIClientFactory
{
    /// <exception cref="InvalidOperationException">No API key is configured.</exception>
    public static ChatClient CreateChatClient(OpenAIOptions options)
    {
        if (!options.IsConfigured)
            throw new InvalidOperationException("Processing:OpenAI:ApiKey is not set; use the rule-based analyzers instead.");

        var clientOptions = new OpenAIClientOptions
        {
            // Per attempt: a timed-out attempt counts as a failed try and is retried like a 5xx.
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            // ClientRetryPolicy retries 408, 429, 500, 502, 503, 504, timeouts and network failures with
            // exponential backoff and jitter, then throws the last one (ClientResultException for HTTP).
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        };
        if (options.Endpoint is not null) clientOptions.Endpoint = options.Endpoint;

        return new ChatClient(options.Model, new ApiKeyCredential(options.ApiKey!), clientOptions);
    }
}
