using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Conflicto.Server.OpenApi;

/// <summary>
/// Answers and properties typed <c>object</c> because they hold one of a few shapes (an activity,
/// or a draft's stub for anyone but its host): described as <c>oneOf</c> those shapes, so a
/// generated client gets real types. Done on the finished document, where every component exists
/// or can be added.
/// </summary>
internal sealed class OneOfShapes(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var naming = json.Value.SerializerOptions.PropertyNamingPolicy;
        var properties = typeof(OneOfShapes).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(p => (Property: p, OneOf: p.GetCustomAttribute<OneOfAttribute>()))
            .Where(p => p.OneOf is not null);
        var answers = context.DescriptionGroups.SelectMany(g => g.Items)
            .SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<OneOfAnswer>());
        foreach (var type in properties.SelectMany(p => p.OneOf!.Types).Concat(answers.SelectMany(a => a.Types)).Distinct())
            if (!document.Components.Schemas.ContainsKey(type.Name))
                document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));

        foreach (var (property, oneOf) in properties)
        {
            if (!document.Components.Schemas.TryGetValue(property.DeclaringType!.Name, out var owner) || owner is not OpenApiSchema { Properties: { } members }) continue;
            var name = naming?.ConvertName(property.Name) ?? property.Name;
            if (!members.TryGetValue(name, out var member) || member is not OpenApiSchema schema) continue;
            var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true ? (OpenApiSchema)(schema.Items ??= new OpenApiSchema()) : schema;
            target.OneOf = References(oneOf!.Types, document);
        }
    }

    internal static List<IOpenApiSchema> References(IEnumerable<Type> types, OpenApiDocument document) =>
        types.Select(t => (IOpenApiSchema)new OpenApiSchemaReference(t.Name, document)).ToList();
}

/// <summary>Metadata of a route whose 200 answer is one of <see cref="Types"/> (<see cref="AnswerConventions.AnswersOneOf"/>).</summary>
public sealed record OneOfAnswer(IReadOnlyList<Type> Types);

/// <summary>
/// An <c>object</c> property (or list of objects) that always holds one of <paramref name="types"/>:
/// described as <c>oneOf</c> so a generated client gets real types.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute(params Type[] types) : Attribute
{
    public IReadOnlyList<Type> Types { get; } = types;
}
