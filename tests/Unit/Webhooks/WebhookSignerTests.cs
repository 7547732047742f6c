using System.Security.Cryptography;
using System.Text;
using Conflicto.Server.Webhooks;

namespace Conflicto.Tests.Unit.Webhooks;

public sealed class WebhookSignerTests
{
    private const string Secret = "whsec_test-secret-0123456789abcdef";
    private const string Body = "{\"seq\":42,\"type\":\"response.added\"}";

    [Fact]
    public void TheSignature_IsHexHmacSha256_OfTimestampDotBody()
    {
        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1700000000." + Body))).ToLowerInvariant();
        Assert.Equal(expected, WebhookSigner.Sign(Secret, 1700000000, Body));
        Assert.Equal($"v1={expected}", WebhookSigner.Header(Secret, null, 1700000000, Body));
    }

    [Fact]
    public void DuringARotation_BothSecretsSign()
    {
        var header = WebhookSigner.Header("whsec_new-secret-aaaaaaaaaaaaaaaa", Secret, 1700000000, Body);
        var parts = header.Split(',');
        Assert.Equal(2, parts.Length);
        Assert.Equal($"v1={WebhookSigner.Sign(Secret, 1700000000, Body)}", parts[1]);
        var now = DateTimeOffset.FromUnixTimeSeconds(1700000010);
        Assert.True(WebhookSigner.Verify(Secret, header, "1700000000", Body, now, TimeSpan.FromMinutes(5)));
        Assert.True(WebhookSigner.Verify("whsec_new-secret-aaaaaaaaaaaaaaaa", header, "1700000000", Body, now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Verification_RefusesOldTimestamps_OtherBodies_AndOtherSecrets()
    {
        var header = WebhookSigner.Header(Secret, null, 1700000000, Body);
        var tolerance = TimeSpan.FromMinutes(5);
        Assert.True(WebhookSigner.Verify(Secret, header, "1700000000", Body, DateTimeOffset.FromUnixTimeSeconds(1700000299), tolerance));
        Assert.False(WebhookSigner.Verify(Secret, header, "1700000000", Body, DateTimeOffset.FromUnixTimeSeconds(1700000301), tolerance));
        Assert.False(WebhookSigner.Verify(Secret, header, "1700000000", Body.Replace("42", "43"), DateTimeOffset.FromUnixTimeSeconds(1700000000), tolerance));
        Assert.False(WebhookSigner.Verify(Secret, header, "1700000001", Body, DateTimeOffset.FromUnixTimeSeconds(1700000000), tolerance));
        Assert.False(WebhookSigner.Verify("whsec_other", header, "1700000000", Body, DateTimeOffset.FromUnixTimeSeconds(1700000000), tolerance));
        Assert.False(WebhookSigner.Verify(Secret, header, "not a number", Body, DateTimeOffset.FromUnixTimeSeconds(1700000000), tolerance));
    }

    [Fact]
    public void NewSecrets_AreWhsecAnd32RandomBytes_AndTheHintShowsFourCharacters()
    {
        var a = WebhookSigner.NewSecret();
        var b = WebhookSigner.NewSecret();
        Assert.NotEqual(a, b);
        Assert.StartsWith("whsec_", a);
        Assert.Equal(6 + 43, a.Length); // 32 bytes in unpadded base64url
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", a);
        Assert.Equal("whsec_…" + a[^4..], WebhookSigner.Hint(a));
    }
}
