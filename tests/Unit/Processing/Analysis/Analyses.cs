using System.Text.Json;
using Conflicto.Data.Infrastructure;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Analysis;
using Conflicto.Processing.Schemas;

namespace Conflicto.Tests.Unit.Processing.Analysis;

/// <summary>Runs the rule-based analyzer and checks responses against its schema and against the response rules.</summary>
internal static class Analyses
{
    public static SchemaRender Analyze(string type, string configuration, string title = "") =>
        Analyze(type, JsonDocument.Parse(configuration, new JsonDocumentOptions { MaxDepth = 1000 }).RootElement.Clone(), title);

    public static SchemaRender Analyze(string type, JsonElement configuration, string title = "") =>
        RuleBasedAnalyzer.Analyze(new ActivityAnalysisInput(type, title, configuration));

    public static IReadOnlyList<string> SchemaErrors(SchemaRender render, string data) =>
        JsonSchemaValidator.Validate(render.ResponseSchema.GetRawText(), Json.Parse(data));

    public static bool SchemaAccepts(SchemaRender render, string data) => SchemaErrors(render, data).Count == 0;

    public static bool RulesAccept(string type, string configuration, string data) =>
        ResponseRules.Validate(TestRows.Activity(type, configuration), Json.Parse(data)).Count == 0;

    /// <summary>The schema and the rules give the same verdict on every response; both verdicts occur.</summary>
    public static void AssertAgree(string type, string configuration, IEnumerable<string> responses)
    {
        var render = Analyze(type, configuration);
        var verdicts = new List<bool>();
        foreach (var data in responses)
        {
            var rules = RulesAccept(type, configuration, data);
            var schema = SchemaErrors(render, data);
            Assert.True(rules == (schema.Count == 0),
                $"{type} {configuration}\nresponse {data}\nrules {(rules ? "accept" : "reject")}, schema {(schema.Count == 0 ? "accepts" : "rejects: " + string.Join("; ", schema))}");
            verdicts.Add(rules);
        }
        Assert.Contains(true, verdicts);
        Assert.Contains(false, verdicts);
    }

    public static string Serialize(SchemaRender render) => Json.Serialize(render);
}
