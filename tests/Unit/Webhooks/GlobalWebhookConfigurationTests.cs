using Conflicto.Server.Webhooks;

namespace Conflicto.Tests.Unit.Webhooks;

/// <summary>Start-up validation of Webhooks:Endpoints: each message names the key to set and how.</summary>
public sealed class GlobalWebhookConfigurationTests
{
    [Fact]
    public void AValidEndpoint_PassesAndGetsAStableId()
    {
        var options = new WebhookOptions { Endpoints = [new() { Url = "https://hooks.example.org/c", Secret = WebhookSigner.NewSecret(), Events = ["response.added"] }] };
        Assert.Empty(GlobalWebhooks.Problems(options));
        Assert.Equal(GlobalWebhooks.IdOf(0, "https://hooks.example.org/c"), GlobalWebhooks.IdOf(0, "https://hooks.example.org/c"));
        Assert.NotEqual(GlobalWebhooks.IdOf(0, "https://hooks.example.org/c"), GlobalWebhooks.IdOf(1, "https://hooks.example.org/c"));
    }

    [Fact]
    public void EveryProblem_NamesItsKey()
    {
        var options = new WebhookOptions
        {
            RetryBaseSeconds = 100, RetryMaxSeconds = 10,
            Endpoints = [new() { Url = "ftp://x", Secret = "short", Events = ["response.created"], Scope = "admin" }],
        };
        var problems = GlobalWebhooks.Problems(options).ToList();
        Assert.Contains(problems, p => p.StartsWith("Webhooks:RetryMaxSeconds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Webhooks:Endpoints:0:Url must be set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Webhooks:Endpoints:0:Secret must be set to at least 24 characters", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Webhooks:Endpoints:0:Events has an unknown event type 'response.created'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Webhooks:Endpoints:0:Scope must be viewer or host", StringComparison.Ordinal));
    }
}
