using System.Text.Json;
using Conflicto.Tests.Integration.Processing;

namespace Conflicto.Tests.Integration.Workflows;

/// <summary>
/// A fake workflow, and a server that hands both job kinds to it: callbacks due within
/// <see cref="CallbackTimeoutSeconds"/> of the post, posts answered within 1 s, signed with <see cref="Secret"/>.
/// </summary>
public sealed class WorkflowFixture : IAsyncLifetime
{
    public const string Secret = "workflow-test-secret";
    public const int CallbackTimeoutSeconds = 3;

    public FakeWorkflowServer Workflow { get; private set; } = null!;
    public ProcessingApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Workflow = await FakeWorkflowServer.StartAsync();
        Factory = await ProcessingApiFactory.StartAsync(new Dictionary<string, string>
        {
            ["Processing:Workflow:Url"] = Workflow.Url.ToString(),
            ["Processing:Workflow:CallbackBaseUrl"] = "http://localhost",
            ["Processing:Workflow:Secret"] = Secret,
            ["Processing:Workflow:CallbackTimeoutSeconds"] = $"{CallbackTimeoutSeconds}",
            ["Processing:Workflow:RequestTimeoutSeconds"] = "1",
        });
        Workflow.CallbackClient = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await Factory.StopAsync();
        await Workflow.DisposeAsync();
    }

    private static readonly string ResponseSchema = JsonSerializer.Serialize("""{"type": "object", "properties": {"option_index": {"type": "integer"}}}""");

    /// <summary>A valid schema analysis (the OpenAI answer's shape) offering <paramref name="options"/>.</summary>
    public static JsonElement Analysis(params string[] options) => ProcessingTesting.Json($$"""
        {
          "participant": { "widget": "single_choice", "prompt": "Chosen by the workflow", "options": {{JsonSerializer.Serialize(options)}},
            "min_selections": null, "max_selections": null, "min": null, "max": null, "step": null, "max_length": null, "max_items": null, "fields": null },
          "viewer": { "chart": "bar_chart", "title": "Workflow chart", "field": null },
          "response_schema_json": {{ResponseSchema}}
        }
        """);

    /// <summary>A valid enrichment that flags the text, so the verdict is visibly the workflow's.</summary>
    public static JsonElement Enrichment(string text) => ProcessingTesting.Json($$"""
        {
          "normalized_text": {{JsonSerializer.Serialize(text)}}, "language": "en", "sentiment": "negative", "sentiment_score": -0.5,
          "topics": ["workflow"], "moderation": { "verdict": "flag", "reason": "flagged by the workflow" }
        }
        """);

    public static object Completed(JsonElement result) => new { status = "completed", result };
}
