using System.Text.Json;

namespace Conflicto.Load.Reporting;

/// <summary>Writes results/&lt;scenario&gt;-&lt;timestamp&gt;.{md,json} and returns the Markdown path.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Write(RunReport report, string resultsDir)
    {
        Directory.CreateDirectory(resultsDir);
        var stem = Path.Combine(resultsDir, $"{report.Scenario}-{report.StartedAt:yyyyMMdd-HHmmss}");
        File.WriteAllText(stem + ".md", MarkdownReport.Render(report));
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(report, Json));
        return stem + ".md";
    }
}
