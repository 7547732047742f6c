using System.ComponentModel.DataAnnotations;

namespace Conflicto.Processing.OpenAI;

/// <summary>
/// Section <c>Processing:OpenAI</c>. Without an <see cref="ApiKey"/> the OpenAI analyzers are not
/// used and the rule-based ones take over. <see cref="Endpoint"/> points at any OpenAI-compatible
/// server (vLLM, Ollama, LM Studio, a proxy); local servers that ignore keys still need a non-empty one.
/// </summary>
public sealed class OpenAIOptions : IValidatableObject
{
    public const string Section = "Processing:OpenAI";

    public string? ApiKey { get; set; }

    /// <summary>Base address including the API version path, e.g. <c>http://localhost:11434/v1</c>; null means api.openai.com.</summary>
    public Uri? Endpoint { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Per HTTP attempt, not per job: a job may take (MaxRetries + 1) times this plus backoff.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of 408, 429, 500, 502-504, timeouts and network errors, with the SDK's exponential backoff.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The configuration binder turns any string into a Uri, relative ones included.
        if (Endpoint is not null && !(Endpoint.IsAbsoluteUri && (Endpoint.Scheme == Uri.UriSchemeHttp || Endpoint.Scheme == Uri.UriSchemeHttps)))
            yield return new ValidationResult(
                $"Processing:OpenAI:Endpoint must be an absolute http(s) URI such as https://api.openai.com/v1, got '{Endpoint}'.",
                [nameof(Endpoint)]);
    }
}
