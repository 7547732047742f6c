using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Conflicto.Server.OpenApi;

/// <summary>Section <c>OpenApi</c>.</summary>
public sealed class ApiReferenceOptions
{
    /// <summary>
    /// Serve the interactive reference at <see cref="ApiDescription.ReferencePath"/>. Unset: on in
    /// Development, off elsewhere (the document at /openapi/v1.json is always served).
    /// </summary>
    public bool? ReferenceEnabled { get; set; }
}

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (what clients are generated from) and the
/// interactive reference (Scalar). The document is built from the routes: their access
/// declarations (<see cref="Access.AccessDeclarations"/>), problem answers, summaries and DTOs.
/// </summary>
public static class ApiDescription
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string DocumentName = "v1";
    public const string ReferencePath = "/scalar";

    public static IServiceCollection AddApiDescription(this IServiceCollection services)
    {
        services.AddOptions<ApiReferenceOptions>().BindConfiguration("OpenApi");
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Conflicto Realtime";
                document.Info.Description = "Live audience sessions: polls, Q&A and word clouds. Hosts act with the session's admin code "
                    + "(X-Admin-Code), participants with the token their join returned (Authorization: Bearer). Every error is "
                    + "application/problem+json. Live updates come over the SignalR hub at /hubs/session (docs/hub-contract.md) "
                    + "or the event log GET /api/v1/sessions/{sessionId}/events.";
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<OpenApiTrailingSlashes>();
            options.AddDocumentTransformer<SecurityRequirements>();
            options.AddOperationTransformer<SecurityRequirements>();
            options.AddOperationTransformer<ProblemResponses>();
            options.AddDocumentTransformer<ProblemResponses>();
            options.AddSchemaTransformer<SchemaCorrections>();
            options.AddDocumentTransformer<OneOfShapes>();
        });
        return services;
    }

    public static WebApplication MapApiDescription(this WebApplication app)
    {
        // The framework answers an unknown document name with a text/plain 404; ours are problem+json.
        app.MapOpenApi(DocumentPath).AddEndpointFilter(async (context, next) =>
            context.HttpContext.GetRouteValue("documentName") as string == DocumentName
                ? await next(context)
                : Infrastructure.Problems.NotFound($"There is no such API document; the document is {DocumentPath.Replace("{documentName}", DocumentName, StringComparison.Ordinal)}."));
        var enabled = app.Services.GetRequiredService<IOptions<ApiReferenceOptions>>().Value.ReferenceEnabled ?? app.Environment.IsDevelopment();
        if (!enabled) return app;
        // Everything the page needs comes from this server: the script is embedded in
        // Scalar.AspNetCore; the CDN fonts, telemetry and the AI features would call out of
        // venues without internet, so they are off.
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("Conflicto Realtime API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return app;
    }
}
