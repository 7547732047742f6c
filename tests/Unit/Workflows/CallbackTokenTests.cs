using System.Security.Cryptography;
using System.Text;
using Conflicto.Processing.Workflows;

namespace Conflicto.Tests.Unit.Workflows;

/// <summary>The workflow's one-time callback tokens: random, recognisable, stored only as a hash.</summary>
public sealed class CallbackTokenTests
{
    [Fact]
    public void Create_Gives256RandomBits_PrefixedAndUrlSafe()
    {
        var (token, _) = CallbackTokens.Create();

        Assert.StartsWith("cwt_", token);
        var random = Convert.FromBase64String(token[4..].Replace('-', '+').Replace('_', '/') + "=");
        Assert.Equal(32, random.Length);
        Assert.DoesNotContain(token, c => c is '+' or '/' or '=');
        Assert.True(CallbackTokens.IsWellFormed(token));
    }

    [Fact]
    public void Create_NeverRepeats()
    {
        var tokens = Enumerable.Range(0, 1_000).Select(_ => CallbackTokens.Create().Token).ToHashSet();

        Assert.Equal(1_000, tokens.Count);
    }

    [Fact]
    public void Hash_IsTheSha256OfTheToken_NotTheToken()
    {
        var (token, hash) = CallbackTokens.Create();

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), hash);
        Assert.Equal(hash, CallbackTokens.Hash(token));
        Assert.DoesNotContain(token, Encoding.UTF8.GetString(hash));
    }

    [Fact]
    public void Hash_OfAnAlteredToken_Differs()
    {
        var (token, hash) = CallbackTokens.Create();
        var altered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        Assert.NotEqual(hash, CallbackTokens.Hash(altered));
        Assert.NotEqual(hash, CallbackTokens.Hash(token.ToUpperInvariant()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cpt_participant-token")]
    [InlineData("cwt_short")]
    [InlineData("cwt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void IsWellFormed_RefusesAnythingElse(string? token) => Assert.False(CallbackTokens.IsWellFormed(token));
}
