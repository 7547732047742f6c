using Microsoft.OpenApi;

namespace Conflicto.Server.OpenApi;

/// <summary>Route-level facts about answers that the handler's declared result types cannot say.</summary>
public static class AnswerConventions
{
    /// <summary>The 200 answer is JSON <c>null</c> when there is nothing (as legacy clients expect), else the declared body.</summary>
    public static RouteHandlerBuilder AnswersNullWhenNone(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (OkJson(operation) is { Schema: { } body } json)
                json.Schema = new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, body] };
            return Task.CompletedTask;
        });

    /// <summary>The 200 answer is one of <paramref name="types"/> (the handler returns <c>object</c>).</summary>
    public static RouteHandlerBuilder AnswersOneOf(this RouteHandlerBuilder builder, params Type[] types) =>
        builder.WithMetadata(new OneOfAnswer(types)).AddOpenApiOperationTransformer((operation, context, _) =>
        {
            // The components themselves are added by OneOfShapes once the document is complete.
            if (OkJson(operation) is { } json) json.Schema = new OpenApiSchema { OneOf = OneOfShapes.References(types, context.Document!) };
            return Task.CompletedTask;
        });

    /// <summary>
    /// Problem answers that depend on the handler's logic (404, 409, a submission's 429); the ones
    /// that follow from the route itself are added by <see cref="ProblemResponses"/>.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses) builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>Served from the polling cache: <c>If-None-Match</c> with the last <c>ETag</c> gets 304 without a body.</summary>
    public static RouteHandlerBuilder AnswersNotModified(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status304NotModified);

    private static OpenApiMediaType? OkJson(OpenApiOperation operation) =>
        operation.Responses is { } responses && responses.TryGetValue("200", out var ok) && ok.Content is { } content
            && content.TryGetValue("application/json", out var json) ? json : null;
}
