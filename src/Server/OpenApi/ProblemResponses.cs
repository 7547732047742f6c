using Conflicto.Server.Access;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Conflicto.Server.OpenApi;

/// <summary>
/// Lists every problem+json answer an operation can give. Most follow from the route itself, so
/// a new route gets them without a hand list: a required credential → 401 and 403; parameters or a
/// body → 422 (an unparsable value or body is a validation problem, <see cref="Infrastructure.ProblemExceptionHandler"/>);
/// a body → 413 and 415; a rate-limit policy → 429; any route → 503 (the database is unreachable or
/// the node is stopping). What depends on the handler's logic (404, 409, a submission's 429) the route
/// declares with <c>.ProducesProblem(status)</c>; this gives those the same schema and wording.
/// </summary>
internal sealed class ProblemResponses : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "HttpValidationProblemDetails";
    public const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [StatusCodes.Status401Unauthorized] = "No credential where one is needed, or a participant token that is invalid or revoked (the participant left).",
        [StatusCodes.Status403Forbidden] = "The credential does not grant this action (another session's admin code, another participant's token).",
        [StatusCodes.Status404NotFound] = "Not found (a draft counts as not found for anyone but its host).",
        [StatusCodes.Status409Conflict] = "The request conflicts with the current state; read it again and retry.",
        [StatusCodes.Status410Gone] = "Too late: what the request refers to is over (a workflow's attempt whose deadline passed or that was superseded); nothing was changed.",
        [StatusCodes.Status413PayloadTooLarge] = "The body (or a configuration in it) is larger than the server's limit.",
        [StatusCodes.Status415UnsupportedMediaType] = "The body was not sent as Content-Type: application/json.",
        [StatusCodes.Status422UnprocessableEntity] = "Validation failed: errors names each field and what it must be. A body that is not JSON at all has no errors member.",
        [StatusCodes.Status429TooManyRequests] = "Over the rate limit: nothing was changed; retry after Retry-After seconds.",
        [StatusCodes.Status503ServiceUnavailable] = "The database is unreachable or this node is shutting down; retry after Retry-After seconds.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var statuses = new SortedSet<int>();
        if (metadata.OfType<AccessDeclaration>().LastOrDefault() is { Required: true })
            statuses.UnionWith([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
        if (operation.RequestBody is not null)
            statuses.UnionWith([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity]);
        if (operation.Parameters is { Count: > 0 }) statuses.Add(StatusCodes.Status422UnprocessableEntity);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any()) statuses.Add(StatusCodes.Status429TooManyRequests);
        statuses.Add(StatusCodes.Status503ServiceUnavailable);
        // The ones the route declared (.ProducesProblem): the generator already listed them; give them our schema and words.
        foreach (var declared in metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>())
            if (declared.Type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails) || declared.ContentTypes.Contains(ProblemJson))
                statuses.Add(declared.StatusCode);

        operation.Responses ??= new OpenApiResponses();
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // An answer of its own shape for this status (the health check's 503) stays as the route describes it.
            if (operation.Responses.TryGetValue(key, out var existing) && existing.Content?.ContainsKey(ProblemJson) != true && existing.Content is { Count: > 0 })
                continue;
            operation.Responses[key] = Response(status, context.Document!);
        }
        var sorted = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (key, response) in sorted) operation.Responses[key] = response;
        return Task.CompletedTask;
    }

    /// <summary>The two problem schemas the responses refer to, generated from ASP.NET Core's types (then <see cref="SchemaCorrections"/>).</summary>
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (id, type) in new[] { (ProblemSchema, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)), (ValidationProblemSchema, typeof(HttpValidationProblemDetails)) })
            if (!document.Components.Schemas.ContainsKey(id))
                document.AddComponent(id, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
    }

    private static OpenApiResponse Response(int status, OpenApiDocument document)
    {
        var schemaId = status == StatusCodes.Status422UnprocessableEntity ? ValidationProblemSchema : ProblemSchema;
        var response = new OpenApiResponse
        {
            Description = Descriptions.GetValueOrDefault(status) ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(schemaId, document) } },
        };
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        return response;
    }
}
