using System.ComponentModel.DataAnnotations;
using Conflicto.Processing.Workflows;

namespace Conflicto.Tests.Unit.Workflows;

/// <summary>Start-up refuses a workflow configuration it cannot use, and says what to set.</summary>
public sealed class WorkflowOptionsTests
{
    private static List<string> Errors(WorkflowOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void NoUrl_IsOff_AndValid()
    {
        var options = new WorkflowOptions();

        Assert.False(options.IsConfigured);
        Assert.False(options.Handles("activity_analysis"));
        Assert.Empty(Errors(options));
    }

    [Fact]
    public void UrlWithoutCallbackBaseUrl_SaysWhatToSet()
    {
        var error = Assert.Single(Errors(new WorkflowOptions { Url = new Uri("https://n8n.example.org/webhook/x") }));

        Assert.Contains("Processing:Workflow:CallbackBaseUrl must be set to this server's public base URL", error);
        Assert.Contains("/api/v1/jobs/{job_id}/callback", error);
    }

    [Fact]
    public void RelativeUrls_UnknownKinds_AndATooShortCallbackWindow_AreRefused()
    {
        var errors = Errors(new WorkflowOptions
        {
            Url = new Uri("/webhook", UriKind.Relative),
            CallbackBaseUrl = new Uri("ftp://example.org"),
            Kinds = "activity_analysis,summaries",
            CallbackTimeoutSeconds = 30,
            RequestTimeoutSeconds = 30,
        });

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Processing:Workflow:Url must be an absolute http(s) URL"));
        Assert.Contains(errors, e => e.StartsWith("Processing:Workflow:CallbackBaseUrl"));
        Assert.Contains(errors, e => e.StartsWith("Processing:Workflow:Kinds must list") && e.Contains("summaries"));
        Assert.Contains(errors, e => e.StartsWith("Processing:Workflow:CallbackTimeoutSeconds must exceed"));
    }

    [Theory]
    [InlineData("activity_analysis", true, false)]
    [InlineData(" response_enrichment ", false, true)]
    [InlineData("activity_analysis,response_enrichment", true, true)]
    public void Kinds_ChooseWhatGoesToTheWorkflow(string kinds, bool analysis, bool enrichment)
    {
        var options = new WorkflowOptions { Url = new Uri("https://n8n.example.org/hook"), CallbackBaseUrl = new Uri("https://c.example.org/base/"), Kinds = kinds };

        Assert.Empty(Errors(options));
        Assert.Equal(analysis, options.Handles("activity_analysis"));
        Assert.Equal(enrichment, options.Handles("response_enrichment"));
    }

    [Fact]
    public void CallbackUrl_KeepsTheBasePath()
    {
        var options = new WorkflowOptions { CallbackBaseUrl = new Uri("https://c.example.org/conflicto") };
        var job = Guid.Parse("0192f0c4-0000-7000-8000-000000000001");

        Assert.Equal($"https://c.example.org/conflicto/api/v1/jobs/{job}/callback", options.CallbackUrl(job));
    }
}
