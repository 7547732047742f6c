using Conflicto.Data.Sessions;
using Conflicto.Server.Access;

namespace Conflicto.Tests.Unit.Server.Access;

public sealed class CodeComparisonTests
{
    private const string Stored = "ABCDEFGH";

    [Theory]
    [InlineData("ABCDEFGH")]
    [InlineData("abcdefgh")]
    [InlineData("AbCdEfGh")]
    [InlineData("  ABCDEFGH  ")]
    [InlineData("\tabcdefgh\n")]
    public void Matches_SameCodeAsPeopleTypeIt_IsTrue(string given)
    {
        Assert.True(CodeComparison.Matches(given, Stored));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ABCDEFGJ")]
    [InlineData("ABCDEFG")]
    [InlineData("ABCDEFGHJ")]
    [InlineData("ABCD EFGH")]
    [InlineData("BCDEFGHA")]
    public void Matches_AnotherCode_IsFalse(string? given)
    {
        Assert.False(CodeComparison.Matches(given, Stored));
    }

    [Fact]
    public void Matches_NothingStored_MatchesNothing()
    {
        Assert.False(CodeComparison.Matches("", ""));
        Assert.False(CodeComparison.Matches("  ", ""));
    }

    /// <summary>The fixed-time comparison answers exactly what the ordinal one of normalised codes did.</summary>
    [Fact]
    public void Matches_AgreesWithTheOrdinalComparisonItReplaced()
    {
        var random = new Random(11);
        var stored = Enumerable.Range(0, 50).Select(_ => SessionCodes.NewJoinCode()).ToList();
        var candidates = stored
            .SelectMany(code => new[]
            {
                code, code.ToLowerInvariant(), $" {code} ", code[..^1], code + "A",
                code[..^1] + SessionCodes.Alphabet[random.Next(SessionCodes.Alphabet.Length)],
                SessionCodes.NewJoinCode(), SessionCodes.NewAdminCode(),
            })
            .ToList();

        var disagreements = (
            from s in stored
            from given in candidates
            where CodeComparison.Matches(given, s) != string.Equals(SessionCodes.Normalize(given), s, StringComparison.Ordinal)
            select (given, s)).ToList();

        Assert.Empty(disagreements);
        Assert.Equal(stored.Count, stored.Count(s => CodeComparison.Matches(s.ToLowerInvariant(), s)));
    }
}
