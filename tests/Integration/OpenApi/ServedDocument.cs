using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Conflicto.Tests.Integration.OpenApi;

/// <summary>
/// The served <c>/openapi/v1.json</c>, read as plain JSON, with what the tests ask of it: its
/// operations, and a check of a real answer against the schema the document gives for that route
/// and status (NJsonSchema over the document's own components, so every <c>$ref</c> resolves in it).
/// </summary>
public sealed class ServedDocument(JsonObject root)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private readonly ConcurrentDictionary<string, Task<JsonSchema>> _schemas = new();

    public JsonObject Root => root;

    public static async Task<ServedDocument> LoadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new ServedDocument(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public sealed record Operation(string Path, string Method, JsonObject Node)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";

        public JsonObject Responses => Node["responses"]!.AsObject();

        public JsonArray? Security => Node["security"] as JsonArray;
    }

    public IReadOnlyList<Operation> Operations =>
        root["paths"]!.AsObject()
            .SelectMany(p => Methods.Where(m => p.Value![m] is JsonObject).Select(m => new Operation(p.Key, m, p.Value![m]!.AsObject())))
            .ToList();

    public Operation Find(HttpMethod method, string path) =>
        Operations.SingleOrDefault(o => o.Path == path && o.Method == method.Method.ToLowerInvariant())
        ?? throw new Xunit.Sdk.XunitException($"The document has no {method} {path}.");

    public JsonObject Schema(string name) => root["components"]!["schemas"]![name]!.AsObject();

    /// <summary>
    /// Asserts that <paramref name="response"/>'s status is one the document lists for the route
    /// and that its body (when the document gives one) is valid against that answer's schema.
    /// </summary>
    public async Task AssertDescribesAsync(HttpMethod method, string path, HttpResponseMessage response)
    {
        var operation = Find(method, path);
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(operation.Responses[status] is JsonObject,
            $"{operation} answered {status}, which the document does not list ({string.Join(", ", operation.Responses.Select(r => r.Key))}): {body}");
        if (operation.Responses[status]!["content"] is not JsonObject content) { Assert.True(body.Length == 0, $"{operation} {status} has no body in the document but answered: {body}"); return; }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        Assert.True(content[mediaType] is JsonObject, $"{operation} {status} answered {mediaType}; the document says {string.Join(", ", content.Select(c => c.Key))}");
        var schema = await _schemas.GetOrAdd($"{operation} {status} {mediaType}", _ => CompileAsync(content[mediaType]!["schema"]!.AsObject()));
        var errors = schema.Validate(body);
        Assert.True(errors.Count == 0, $"{operation} {status}: the answer does not fit the document's schema: "
            + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")) + $"\n{body}");
    }

    /// <summary>
    /// The schema as the root of a JSON schema that carries the document's component schemas as
    /// its <c>definitions</c> (where NJsonSchema resolves <c>$ref</c>s), the references moved along.
    /// </summary>
    private Task<JsonSchema> CompileAsync(JsonObject schema)
    {
        // Wrapped in allOf: beside a $ref, NJsonSchema ignores the root's other members (definitions too).
        var document = new JsonObject { ["definitions"] = root["components"]!["schemas"]!.DeepClone(), ["allOf"] = new JsonArray(schema.DeepClone()) };
        return JsonSchema.FromJsonAsync(document.ToJsonString().Replace("\"#/components/schemas/", "\"#/definitions/", StringComparison.Ordinal));
    }
}
