using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Conflicto.Tests.Integration.OpenApi;

/// <summary>The served description is a valid OpenAPI document that says, for every operation, who may call it and how it fails.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ConflictoApiFactory factory)
{
    [Fact]
    public async Task Document_ReadsWithoutErrors_AndPassesTheOpenApiRules()
    {
        var stream = await factory.CreateClient().GetStreamAsync("/openapi/v1.json");

        var (document, diagnostic) = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings());
        var ruleErrors = document!.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];

        Assert.Empty(diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(ruleErrors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.True(document!.Paths?.Count > 30, $"only {document.Paths?.Count} paths");
    }

    [Fact]
    public async Task SecuritySchemes_AreTheAdminCodeHeaderAndTheParticipantBearerToken()
    {
        var document = await ServedDocument.LoadAsync(factory.CreateClient());
        var schemes = document.Root["components"]!["securitySchemes"]!;

        Assert.Equal("apiKey", schemes["AdminCode"]!["type"]!.GetValue<string>());
        Assert.Equal("header", schemes["AdminCode"]!["in"]!.GetValue<string>());
        Assert.Equal("X-Admin-Code", schemes["AdminCode"]!["name"]!.GetValue<string>());
        Assert.Equal("http", schemes["ParticipantToken"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["ParticipantToken"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryOperation_HasAnIdASummaryASecurityStatementAndItsProblemAnswers()
    {
        var document = await ServedDocument.LoadAsync(factory.CreateClient());
        var failures = new List<string>();

        foreach (var operation in document.Operations)
        {
            var node = operation.Node;
            if (node["operationId"]?.GetValue<string>() is not { Length: > 0 }) failures.Add($"{operation}: no operationId");
            if (node["summary"]?.GetValue<string>() is not { Length: > 0 }) failures.Add($"{operation}: no summary");
            // Public routes say security: [] (open is a statement, not an omission).
            if (operation.Security is not { } security) { failures.Add($"{operation}: no security statement"); continue; }
            var required = security.Count > 0 && security.All(r => r!.AsObject().Count > 0);
            var expected = new List<string> { "503" };
            if (required) expected.AddRange(["401", "403"]);
            if (node["parameters"] is JsonArray { Count: > 0 } || node["requestBody"] is not null) expected.Add("422");
            if (node["requestBody"] is not null) expected.AddRange(["413", "415"]);
            foreach (var status in expected)
                if (operation.Responses[status] is null) failures.Add($"{operation}: no {status} answer");
            foreach (var (status, answer) in operation.Responses)
            {
                if (status[0] is '2' or '3' || answer!["content"] is not JsonObject content) continue;
                // The health checks answer 503 with their report, as the legacy contract has it; every other error is a problem.
                if (content.ContainsKey("application/problem+json")) continue;
                if (!(status == "503" && operation.Path.StartsWith("/api/v1/health", StringComparison.Ordinal)))
                    failures.Add($"{operation}: {status} is not application/problem+json");
            }
        }

        Assert.True(document.Operations.Count > 40, $"only {document.Operations.Count} operations");
        Assert.Empty(failures);
        Assert.Equal(document.Operations.Count, document.Operations.Select(o => o.Node["operationId"]!.GetValue<string>()).Distinct().Count());
    }

    [Theory]
    [InlineData("post", "/api/v1/sessions/", "")]
    [InlineData("put", "/api/v1/sessions/{sessionId}", "AdminCode")]
    [InlineData("get", "/api/v1/sessions/{sessionId}", "?AdminCode")]
    [InlineData("post", "/api/v1/participants/{participantId}/heartbeat", "ParticipantToken")]
    [InlineData("delete", "/api/v1/responses/{responseId}", "AdminCode|ParticipantToken")]
    [InlineData("get", "/api/v1/sessions/{sessionId}/activities/{activityId}/responses", "?AdminCode|ParticipantToken")]
    public async Task Security_FollowsWhatTheRouteAccepts(string method, string path, string expected)
    {
        var document = await ServedDocument.LoadAsync(factory.CreateClient());

        var security = document.Find(new HttpMethod(method.ToUpperInvariant()), path).Security!;
        var described = string.Join("|", security.Select(r => string.Join("+", r!.AsObject().Select(s => s.Key)))).TrimStart('|');
        var optional = security.Any(r => r!.AsObject().Count == 0);

        Assert.Equal(expected, (optional ? "?" : "") + described);
    }

    [Fact]
    public async Task ProblemSchema_HasTheFieldsEveryProblemCarries()
    {
        var document = await ServedDocument.LoadAsync(factory.CreateClient());

        var problem = document.Schema("ProblemDetails");
        var validation = document.Schema("HttpValidationProblemDetails");

        Assert.Equal(["status", "title", "trace_id", "type"], problem["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
        Assert.NotNull(problem["properties"]!["detail"]);
        Assert.NotNull(validation["properties"]!["errors"]);
        Assert.DoesNotContain("errors", validation["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Reference_OutsideDevelopmentByDefault_IsNotServed_ButTheDocumentIs()
    {
        var client = factory.CreateClient();

        var page = await client.GetAsync("/scalar/");
        var document = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }
}
