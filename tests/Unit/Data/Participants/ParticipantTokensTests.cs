using System.Security.Cryptography;
using System.Text;
using Conflicto.Data.Participants;

namespace Conflicto.Tests.Unit.Data.Participants;

public class ParticipantTokensTests
{
    [Fact]
    public void New_StartsWithPrefixAndIsBase64UrlOf32Bytes()
    {
        var token = ParticipantTokens.New();
        Assert.StartsWith("cpt_", token);
        var body = token["cpt_".Length..];
        Assert.Equal(43, body.Length); // 32 bytes -> 43 base64url characters without padding
        Assert.All(body, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"unexpected character '{c}'"));
    }

    [Fact]
    public void New_ThousandsOfTokens_AreUnique()
    {
        var tokens = Enumerable.Range(0, 5_000).Select(_ => ParticipantTokens.New()).ToList();
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void New_TokensLookLikeTokens()
    {
        for (var i = 0; i < 200; i++) Assert.True(ParticipantTokens.LooksLikeToken(ParticipantTokens.New()));
    }

    [Fact]
    public void Hash_IsStableSha256OfTheUtf8Text()
    {
        var token = ParticipantTokens.New();
        var first = ParticipantTokens.Hash(token);
        Assert.Equal(first, ParticipantTokens.Hash(token));
        Assert.Equal(32, first.Length);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), first);
    }

    [Fact]
    public void Hash_OfKnownText_MatchesTheKnownDigest()
    {
        Assert.Equal(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            Convert.ToHexStringLower(ParticipantTokens.Hash("abc")));
    }

    [Fact]
    public void Hash_OfDifferentTokens_Differs()
    {
        Assert.NotEqual(ParticipantTokens.Hash(ParticipantTokens.New()), ParticipantTokens.Hash(ParticipantTokens.New()));
        Assert.NotEqual(ParticipantTokens.Hash("cpt_a"), ParticipantTokens.Hash("cpt_A"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("cpt_")]
    [InlineData("cpt_short")]
    [InlineData("CPT_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("xyz_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("cpt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("12345")]
    public void LooksLikeToken_OfOtherText_IsFalse(string value)
    {
        Assert.False(ParticipantTokens.LooksLikeToken(value));
    }

    [Theory]
    [InlineData(36, false)] // 40 characters in all
    [InlineData(37, true)]
    [InlineData(43, true)]
    [InlineData(59, true)]
    [InlineData(60, false)] // 64 characters in all
    public void LooksLikeToken_AcceptsLengthsStrictlyBetween40And64(int bodyLength, bool expected)
    {
        Assert.Equal(expected, ParticipantTokens.LooksLikeToken("cpt_" + new string('a', bodyLength)));
    }
}
