using System.Text;
using Conflicto.Processing.Workflows;

namespace Conflicto.Tests.Unit.Workflows;

/// <summary>The signature a workflow checks: v1=hex(HMAC-SHA256(secret, "{timestamp}.{body}")).</summary>
public sealed class WorkflowSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"job_id":"x"}""");

    [Fact]
    public void Sign_MatchesAnIndependentlyComputedVector()
    {
        // printf '%s' '1700000000.{"job_id":"x"}' | openssl dgst -sha256 -hmac secret
        Assert.Equal(Expected, WorkflowSignature.Sign("secret", 1_700_000_000, Body));
    }

    [Fact]
    public void Verify_RefusesAnotherBodyTimestampOrSecret()
    {
        var signature = WorkflowSignature.Sign("secret", 1_700_000_000, Body);

        Assert.True(WorkflowSignature.Verify("secret", 1_700_000_000, Body, signature));
        Assert.False(WorkflowSignature.Verify("secret", 1_700_000_001, Body, signature));
        Assert.False(WorkflowSignature.Verify("other", 1_700_000_000, Body, signature));
        Assert.False(WorkflowSignature.Verify("secret", 1_700_000_000, Encoding.UTF8.GetBytes("""{"job_id":"y"}"""), signature));
        Assert.False(WorkflowSignature.Verify("secret", 1_700_000_000, Body, null));
    }

    private const string Expected = "v1=e76c1d00189370a200cd22b6b0a86f176fabe6b1e228bc06746171e267309943";
}
