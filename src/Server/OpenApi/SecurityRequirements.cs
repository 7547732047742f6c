using Conflicto.Server.Access;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Conflicto.Server.OpenApi;

/// <summary>
/// The two credentials as security schemes, and each operation's requirement from its route's
/// <see cref="AccessDeclaration"/>: required credentials are alternatives (one of them), optional
/// ones add the empty requirement <c>{}</c> (anonymous allowed), and a public route says
/// <c>security: []</c> so "open" is a statement, never an omission.
/// </summary>
internal sealed class SecurityRequirements : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string AdminCode = "AdminCode";
    public const string ParticipantToken = "ParticipantToken";
    public const string CallbackToken = "WorkflowCallbackToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AdminCode] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Caller.AdminCodeHeader,
            Description = "The session's 6-character admin code, returned once by POST /api/v1/sessions/. Makes the caller the session's host.",
        };
        document.Components.SecuritySchemes[ParticipantToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "cpt_…",
            Description = "The participant_token returned by POST /api/v1/sessions/{sessionId}/join. Revoked when the participant leaves.",
        };
        document.Components.SecuritySchemes[CallbackToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "cwt_…",
            Description = "The one-time callback_token an external workflow was posted with its job (docs/integrations.md). Opens only that job's callback, once.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // No declaration: leave security unset, which AccessDeclarationTests and the document tests refuse.
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AccessDeclaration>().LastOrDefault() is not { } access)
            return Task.CompletedTask;
        var requirements = new List<OpenApiSecurityRequirement>();
        if (access.Accepted != Credentials.None && !access.Required) requirements.Add(new OpenApiSecurityRequirement());
        if (access.Accepted.HasFlag(Credentials.AdminCode)) requirements.Add(Requirement(AdminCode, context.Document));
        if (access.Accepted.HasFlag(Credentials.ParticipantToken)) requirements.Add(Requirement(ParticipantToken, context.Document));
        if (access.Accepted.HasFlag(Credentials.CallbackToken)) requirements.Add(Requirement(CallbackToken, context.Document));
        operation.Security = requirements;
        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
