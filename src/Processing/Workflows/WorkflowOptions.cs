using System.ComponentModel.DataAnnotations;
using Conflicto.Data.Processing;

namespace Conflicto.Processing.Workflows;

/// <summary>
/// Section <c>Processing:Workflow</c>: hands jobs of the chosen <see cref="Kinds"/> to an external
/// workflow (N8N or any webhook-driven one) at <see cref="Url"/>, which answers by calling back on
/// <see cref="CallbackBaseUrl"/>. Without a <see cref="Url"/> nothing is handed off.
/// </summary>
public sealed class WorkflowOptions : IValidatableObject
{
    public const string Section = "Processing:Workflow";

    /// <summary>Where jobs are posted (the workflow's webhook); null turns workflows off.</summary>
    public Uri? Url { get; set; }

    /// <summary>Which job kinds go to the workflow, comma-separated: <c>activity_analysis</c>, <c>response_enrichment</c> or both.</summary>
    public string Kinds { get; set; } = $"{JobKinds.ActivityAnalysis},{JobKinds.ResponseEnrichment}";

    /// <summary>This server's public base URL as the workflow reaches it; the callback is <c>{CallbackBaseUrl}/api/v1/jobs/{job_id}/callback</c>.</summary>
    public Uri? CallbackBaseUrl { get; set; }

    /// <summary>Optional: signs every post (<c>X-Conflicto-Signature: v1=hex(HMAC-SHA256(secret, "{timestamp}.{body}"))</c>).</summary>
    public string? Secret { get; set; }

    /// <summary>Optional: sent as <c>Authorization: Bearer</c> with every post, for workflows that check a header rather than a signature.</summary>
    public string? BearerToken { get; set; }

    /// <summary>How long the workflow has to call back, counted from the post (the job's lease lasts as long).</summary>
    [Range(2, 86_400)]
    public int CallbackTimeoutSeconds { get; set; } = 300;

    /// <summary>How long the workflow has to answer the post itself (a 2xx that it took the job).</summary>
    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => Url is not null;

    public IReadOnlyList<string> KindList => Kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether jobs of <paramref name="kind"/> go to the workflow.</summary>
    public bool Handles(string kind) => IsConfigured && KindList.Contains(kind);

    public string CallbackUrl(Guid jobId) => $"{CallbackBaseUrl!.AbsoluteUri.TrimEnd('/')}/api/v1/jobs/{jobId}/callback";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;
        if (!IsHttp(Url))
            yield return new ValidationResult($"{Section}:Url must be an absolute http(s) URL (the workflow's webhook), got '{Url}'.", [nameof(Url)]);
        if (!IsHttp(CallbackBaseUrl))
            yield return new ValidationResult(
                $"{Section}:CallbackBaseUrl must be set to this server's public base URL as the workflow reaches it (e.g. https://conflicto.example.org), "
                + $"got '{CallbackBaseUrl}': the workflow calls back on {{CallbackBaseUrl}}/api/v1/jobs/{{job_id}}/callback.", [nameof(CallbackBaseUrl)]);
        var unknown = KindList.Where(k => k is not (JobKinds.ActivityAnalysis or JobKinds.ResponseEnrichment)).ToList();
        if (KindList.Count == 0 || unknown.Count > 0)
            yield return new ValidationResult(
                $"{Section}:Kinds must list {JobKinds.ActivityAnalysis}, {JobKinds.ResponseEnrichment} or both (comma-separated), got '{Kinds}'.", [nameof(Kinds)]);
        if (CallbackTimeoutSeconds <= RequestTimeoutSeconds)
            yield return new ValidationResult(
                $"{Section}:CallbackTimeoutSeconds must exceed {Section}:RequestTimeoutSeconds: the callback deadline is counted from the post.",
                [nameof(CallbackTimeoutSeconds)]);
    }

    private static bool IsHttp(Uri? uri) => uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
