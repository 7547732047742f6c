using Conflicto.Data.Participants;

namespace Conflicto.Tests.Unit.Data.Participants;

public class NicknamesTests
{
    [Theory]
    [InlineData("Alice", "Alice")]
    [InlineData("  Alice  ", "Alice")]
    [InlineData("Alice   Bob", "Alice Bob")]
    [InlineData("\tAlice \n Bob\r\n", "Alice Bob")]
    [InlineData("Al\u00A0ice", "Al ice")] // no-break space is whitespace too
    public void Validate_TrimsAndCollapsesWhitespace(string raw, string expected)
    {
        Assert.Null(Nicknames.Validate(raw, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Validate_EmptyOrBlank_IsRefused(string? raw)
    {
        Assert.Equal("Nickname must not be empty.", Nicknames.Validate(raw, out var normalized));
        Assert.Equal("", normalized);
    }

    [Theory]
    [InlineData("Mum 👩‍👩‍👧")] // family: woman, ZWJ, woman, ZWJ, girl
    [InlineData("Pride 🏳️‍🌈")]         // rainbow flag
    public void Validate_EmojiJoinedByZeroWidthJoiner_IsAccepted(string raw)
    {
        Assert.Null(Nicknames.Validate(raw, out var normalized));
        Assert.Equal(raw, normalized);
    }

    [Fact]
    public void Validate_FiftyCharacters_IsAccepted()
    {
        var raw = new string('x', 50);
        Assert.Null(Nicknames.Validate(raw, out var normalized));
        Assert.Equal(raw, normalized);
    }

    [Fact]
    public void Validate_FiftyOneCharacters_IsRefused()
    {
        Assert.Equal("Nickname must be at most 50 characters; it has 51.", Nicknames.Validate(new string('x', 51), out _));
    }

    [Fact]
    public void Validate_FiftyCharactersWithSurroundingSpaces_CountsOnlyTheTrimmedText()
    {
        Assert.Null(Nicknames.Validate("   " + new string('x', 50) + "   ", out var normalized));
        Assert.Equal(50, normalized.Length);
    }

    [Theory]
    [InlineData("Ali\u0001ce")]
    [InlineData("Alice\u0000")]
    [InlineData("Ali\u007Fce")]
    [InlineData("Ali\u200Bce")] // zero-width space (format)
    [InlineData("Ali\u202Ece")] // right-to-left override (format)
    [InlineData("Ali\uE000ce")] // private use
    public void Validate_InvisibleOrControlCharacters_AreRefused(string raw)
    {
        Assert.Equal("Nickname contains characters that cannot be shown.", Nicknames.Validate(raw, out _));
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("a<b")]
    [InlineData("a>b")]
    public void Validate_AngleBrackets_AreRefused(string raw)
    {
        Assert.Equal("Nickname must not contain '<' or '>'.", Nicknames.Validate(raw, out _));
    }

    [Theory]
    [InlineData("Alice 🎉")]
    [InlineData("🦊")]
    [InlineData("❤️ Bob")]
    [InlineData("👍🏽 Carla")]
    [InlineData("Zoë & Søren")]
    [InlineData("李小龍")]
    [InlineData("O'Brien-Smith (PM)")]
    public void Validate_EmojiAndInternationalText_AreAccepted(string raw)
    {
        Assert.Null(Nicknames.Validate(raw, out var normalized));
        Assert.Equal(raw, normalized);
    }

    [Fact]
    public void FirstFree_WhenFree_ReturnsTheRequestedName()
    {
        Assert.Equal("Alice", Nicknames.FirstFree("Alice", ["Bob", "Alice 2"]));
        Assert.Equal("Alice", Nicknames.FirstFree("Alice", []));
    }

    [Fact]
    public void FirstFree_WhenTaken_AppendsTwo()
    {
        Assert.Equal("Alice 2", Nicknames.FirstFree("Alice", ["Alice"]));
    }

    [Fact]
    public void FirstFree_ComparesCaseInsensitively()
    {
        Assert.Equal("Alice 2", Nicknames.FirstFree("Alice", ["aLiCe"]));
        Assert.Equal("alice 3", Nicknames.FirstFree("alice", ["ALICE", "ALICE 2"]));
    }

    [Fact]
    public void FirstFree_KeepsTheRequestedCasing()
    {
        Assert.Equal("ALICE 2", Nicknames.FirstFree("ALICE", ["alice"]));
    }

    [Fact]
    public void FirstFree_CountsUpPastTakenSuffixes()
    {
        Assert.Equal("Alice 4", Nicknames.FirstFree("Alice", ["Alice", "Alice 2", "Alice 3"]));
    }

    [Fact]
    public void FirstFree_FillsTheFirstGap()
    {
        Assert.Equal("Alice 2", Nicknames.FirstFree("Alice", ["Alice", "Alice 3", "Alice 4"]));
        Assert.Equal("Alice 3", Nicknames.FirstFree("Alice", ["Alice", "Alice 2", "Alice 4"]));
    }

    [Fact]
    public void FirstFree_AtFiftyCharacters_TruncatesToFitTheSuffix()
    {
        var name = new string('a', 50);
        var result = Nicknames.FirstFree(name, [name]);
        Assert.Equal(new string('a', 48) + " 2", result);
        Assert.Equal(50, result.Length);
    }

    [Fact]
    public void FirstFree_WithATwoDigitSuffix_StillFitsFiftyCharacters()
    {
        var name = new string('a', 50);
        var taken = new List<string> { name };
        taken.AddRange(Enumerable.Range(2, 8).Select(n => new string('a', 48) + $" {n}"));
        var result = Nicknames.FirstFree(name, taken);
        Assert.Equal(new string('a', 47) + " 10", result);
        Assert.Equal(50, result.Length);
    }

    [Fact]
    public void FirstFree_TruncationEndingInASpace_DoesNotDoubleTheSpace()
    {
        var name = new string('a', 47) + " bc";
        Assert.Equal(new string('a', 47) + " 2", Nicknames.FirstFree(name, [name]));
    }

    [Fact]
    public void FirstFree_ShortEnoughName_IsNotTruncated()
    {
        var name = new string('a', 48);
        Assert.Equal(name + " 2", Nicknames.FirstFree(name, [name]));
    }

    [Fact]
    public void FirstFree_ResultAlwaysPassesValidation()
    {
        var name = "Zoë " + new string('z', 46);
        var taken = new List<string> { name };
        for (var i = 0; i < 15; i++)
        {
            var next = Nicknames.FirstFree(name, taken);
            Assert.Null(Nicknames.Validate(next, out var normalized));
            Assert.Equal(next, normalized);
            Assert.DoesNotContain(next, taken, StringComparer.OrdinalIgnoreCase);
            taken.Add(next);
        }
    }

    private static readonly string Emoji26 = "a" + string.Concat(Enumerable.Repeat("😀", 24)) + "b"; // 26 text elements, 50 UTF-16 units

    [Fact]
    public void Validate_CountsTextElements_NotUtf16Units()
    {
        Assert.Null(Nicknames.Validate(Emoji26, out _));
        Assert.Null(Nicknames.Validate("👍🏽 Zoë", out _));
        Assert.Equal("Nickname must be at most 50 characters; it has 51.", Nicknames.Validate(string.Concat(Enumerable.Repeat("é", 51)), out _));
    }

    [Fact]
    public void Validate_RefusesWhatTheDatabaseCannotHold()
    {
        Assert.Equal("Nickname contains characters that cannot be shown.", Nicknames.Validate("a\ud800b", out _));
        // A family is one character of 3 code points: 10 "👩‍👧x" fit (40), 11 "👩‍👧xy" are 33 characters but 55 code points.
        var family = "👩‍👧";
        Assert.Null(Nicknames.Validate(string.Concat(Enumerable.Repeat(family + "x", 10)), out _));
        Assert.StartsWith("Nickname is too long", Nicknames.Validate(string.Concat(Enumerable.Repeat(family + "xy", 11)), out _));
    }

    [Fact]
    public void FirstFree_ShortensByWholeTextElements()
    {
        var second = Nicknames.FirstFree(Emoji26, [Emoji26]);

        Assert.EndsWith(" 2", second);
        Assert.Null(Nicknames.Validate(second, out _));
        Assert.True(second.EnumerateRunes().Count() <= Nicknames.MaxCodePoints);
        Assert.Null(Conflicto.Server.Infrastructure.StorableText.Reason(second)); // no lone surrogate left by the cut
        Assert.StartsWith(Nicknames.CandidatePrefix(Emoji26), second);
        Assert.False(char.IsHighSurrogate(Nicknames.CandidatePrefix(Emoji26)[^1]));
    }
}
