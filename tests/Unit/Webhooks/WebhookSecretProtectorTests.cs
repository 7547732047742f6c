using System.Security.Cryptography;
using Conflicto.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace Conflicto.Tests.Unit.Webhooks;

public sealed class WebhookSecretProtectorTests
{
    private static WebhookSecretProtector With(string? key) => new(Options.Create(new WebhookOptions { SecretKey = key }));

    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void WithAKey_SecretsAreEncrypted_AndReadBack()
    {
        var protector = With(Key);
        var secret = WebhookSigner.NewSecret();
        var stored = protector.Protect(secret);
        Assert.StartsWith("enc1:", stored);
        Assert.DoesNotContain(secret, stored);
        Assert.NotEqual(stored, protector.Protect(secret)); // a fresh nonce each time
        Assert.Equal(secret, protector.Unprotect(stored));
        Assert.Equal(WebhookSigner.Hint(secret), protector.HintOf(stored));
    }

    [Fact]
    public void WithoutAKey_SecretsAreStoredAsTheyAre_AndPlainValuesStayReadableOnceAKeyIsSet()
    {
        var secret = WebhookSigner.NewSecret();
        Assert.Equal(secret, With(null).Protect(secret));
        Assert.Equal(secret, With(Key).Unprotect(secret));
    }

    [Fact]
    public void AnotherKey_DoesNotDecrypt_AndSaysWhatToDo()
    {
        var stored = With(Key).Protect(WebhookSigner.NewSecret());
        var wrong = Assert.Throws<InvalidOperationException>(() => With(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Unprotect(stored));
        Assert.Contains("Webhooks:SecretKey", wrong.Message);
        Assert.Contains("Webhooks:SecretKey", Assert.Throws<InvalidOperationException>(() => With(null).Unprotect(stored)).Message);
        Assert.Equal("whsec_…", With(null).HintOf(stored));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("q5n3mJd1h7oJ3Vw0pJmK0b2vJ3c9cXn8Yk1Qe6r2t4s=", true)]
    [InlineData("dG9vIHNob3J0", false)]
    [InlineData("not base64!", false)]
    public void TheKey_Must_Be32BytesOfBase64(string? key, bool valid) => Assert.Equal(valid, WebhookSecretProtector.IsValidKey(key));
}
