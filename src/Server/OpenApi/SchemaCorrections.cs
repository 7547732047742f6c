using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Conflicto.Server.OpenApi;

/// <summary>
/// Where the generated schemas say less (or other) than the server does:
/// <list type="bullet">
/// <item>Numbers: the server reads <c>"5"</c> as 5 (System.Text.Json's web defaults), so the generator
/// types every number as <c>integer | string</c> with a digits pattern. Clients send and always read
/// numbers; a generated client with a string alternative is only harder to use.</item>
/// <item>Problems: every problem carries <c>trace_id</c> (<see cref="Infrastructure.ProblemShape"/>), and
/// <c>type</c>, <c>title</c> and <c>status</c> are always sent.</item>
/// </list>
/// </summary>
internal sealed class SchemaCorrections : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)) && schema.Pattern is not null)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        var clr = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is null && (clr == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails) || clr == typeof(HttpValidationProblemDetails)))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's W3C trace id: quote it when reporting a problem." };
            schema.Required = new HashSet<string> { "type", "title", "status", "trace_id" };
            foreach (var name in schema.Required)
                if (schema.Properties.TryGetValue(name, out var property) && property is OpenApiSchema { Type: { } t } sent) sent.Type = t & ~JsonSchemaType.Null;
        }
        return Task.CompletedTask;
    }
}
