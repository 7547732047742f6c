using Conflicto.Data.Sessions;

namespace Conflicto.Tests.Unit.Data.Sessions;

public class SessionCodesTests
{
    [Fact]
    public void NewJoinCode_IsEightCharactersFromTheAlphabet()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = SessionCodes.NewJoinCode();
            Assert.Equal(8, code.Length);
            Assert.All(code, c => Assert.Contains(c, SessionCodes.Alphabet));
            Assert.True(SessionCodes.IsWellFormed(code, SessionCodes.JoinCodeLength));
        }
    }

    [Fact]
    public void NewAdminCode_IsSixCharactersFromTheAlphabet()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = SessionCodes.NewAdminCode();
            Assert.Equal(6, code.Length);
            Assert.All(code, c => Assert.Contains(c, SessionCodes.Alphabet));
            Assert.True(SessionCodes.IsWellFormed(code, SessionCodes.AdminCodeLength));
        }
    }

    [Theory]
    [InlineData('0')]
    [InlineData('O')]
    [InlineData('1')]
    [InlineData('I')]
    [InlineData('L')]
    public void Alphabet_LeavesOutLookAlikes(char lookAlike)
    {
        Assert.DoesNotContain(lookAlike, SessionCodes.Alphabet);
    }

    [Fact]
    public void Alphabet_IsUppercaseLettersAndDigitsWithoutRepeats()
    {
        Assert.Equal("ABCDEFGHJKMNPQRSTUVWXYZ23456789", SessionCodes.Alphabet);
        Assert.Equal(SessionCodes.Alphabet.Length, SessionCodes.Alphabet.Distinct().Count());
        Assert.All(SessionCodes.Alphabet, c => Assert.True(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)));
    }

    [Fact]
    public void NewJoinCode_TenThousandCodes_AreUnique()
    {
        // 31^8 ≈ 8.5e11 codes: the chance of any collision among 10,000 is about 6e-5.
        var codes = Enumerable.Range(0, 10_000).Select(_ => SessionCodes.NewJoinCode()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void NewJoinCode_UsesEveryCharacterOfTheAlphabet()
    {
        var seen = new HashSet<char>(Enumerable.Range(0, 2_000).SelectMany(_ => SessionCodes.NewJoinCode()));
        Assert.Equal(SessionCodes.Alphabet.Order(), seen.Order());
    }

    [Theory]
    [InlineData("abcd2345", "ABCD2345")]
    [InlineData("  AbCd2345\t", "ABCD2345")]
    [InlineData("XYZ234", "XYZ234")]
    [InlineData("", "")]
    public void Normalize_TrimsAndUppercases(string raw, string expected)
    {
        Assert.Equal(expected, SessionCodes.Normalize(raw));
    }

    [Theory]
    [InlineData("ABCD2345", 8, true)]
    [InlineData("ZZ99HH22", 8, true)]
    [InlineData("ABC234", 6, true)]
    [InlineData("ABCD234", 8, false)]
    [InlineData("ABCD23456", 8, false)]
    [InlineData("ABCD2345", 6, false)]
    [InlineData("abcd2345", 8, false)]
    [InlineData("ABCD0345", 8, false)]
    [InlineData("ABCO2345", 8, false)]
    [InlineData("ABC12345", 8, false)]
    [InlineData("ABCI2345", 8, false)]
    [InlineData("ABCL2345", 8, false)]
    [InlineData("ABCD 345", 8, false)]
    [InlineData("ABCD-345", 8, false)]
    [InlineData("ÀBCD2345", 8, false)]
    [InlineData("", 8, false)]
    public void IsWellFormed_ChecksLengthAndAlphabet(string code, int length, bool expected)
    {
        Assert.Equal(expected, SessionCodes.IsWellFormed(code, length));
    }

    [Fact]
    public void IsWellFormed_AfterNormalize_AcceptsLowercaseInput()
    {
        Assert.True(SessionCodes.IsWellFormed(SessionCodes.Normalize(" abcd2345 "), SessionCodes.JoinCodeLength));
    }
}
