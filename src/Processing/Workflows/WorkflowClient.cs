using System.Net.Http.Headers;
using Conflicto.Processing.Analysis;
using Microsoft.Extensions.Options;

namespace Conflicto.Processing.Workflows;

/// <summary>
/// Posts a job to the workflow (<see cref="IHttpClientFactory"/> client <see cref="HttpClientName"/>,
/// no redirects followed, no automatic retries: a failed post is a failed attempt, which the job's
/// own retry path repeats with a new token). Answers the workflow's HTTP status; a post that got no
/// answer within <see cref="WorkflowOptions.RequestTimeoutSeconds"/> or no connection throws
/// <see cref="AnalyzerOutputException"/> with the reason.
/// </summary>
public sealed class WorkflowClient(IHttpClientFactory http, IOptions<WorkflowOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "Conflicto.Workflow";

    public async Task<int> PostAsync(WorkflowPost post, CancellationToken ct)
    {
        var o = options.Value;
        var body = System.Text.Encoding.UTF8.GetBytes(Data.Infrastructure.Json.Serialize(post));
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (!string.IsNullOrEmpty(o.Secret))
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(WorkflowSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WorkflowSignature.SignatureHeader, WorkflowSignature.Sign(o.Secret, timestamp, body));
        }
        if (!string.IsNullOrEmpty(o.BearerToken)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.BearerToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.RequestTimeoutSeconds));
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new AnalyzerOutputException($"The workflow did not answer the post within {o.RequestTimeoutSeconds} s.", e);
        }
        catch (HttpRequestException e)
        {
            throw new AnalyzerOutputException($"The workflow could not be reached: {e.Message}", e);
        }
    }
}
