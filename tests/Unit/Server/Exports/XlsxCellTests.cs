using Conflicto.Server.Exports;

namespace Conflicto.Tests.Unit.Server.Exports;

/// <summary>Text longer than an Excel cell holds is cut with a mark, never inside a character.</summary>
public sealed class XlsxCellTests
{
    [Fact]
    public void TextThatFits_IsKeptWhole()
    {
        var text = new string('a', XlsxExportWriter.MaxCellLength);

        Assert.Same(text, XlsxExportWriter.Fit(text));
    }

    [Fact]
    public void LongerText_IsCutToTheLimit_EndingInAnEllipsis()
    {
        var fitted = XlsxExportWriter.Fit(new string('a', XlsxExportWriter.MaxCellLength + 10));

        Assert.Equal(XlsxExportWriter.MaxCellLength, fitted.Length);
        Assert.EndsWith("a…", fitted, StringComparison.Ordinal);
    }

    [Fact]
    public void ACutAtAnEmoji_KeepsNoHalfOfIt()
    {
        // 😀 is two UTF-16 units; place one so that the cut would fall between them.
        var text = new string('a', XlsxExportWriter.MaxCellLength - 2) + "😀" + new string('b', 20);

        var fitted = XlsxExportWriter.Fit(text);

        Assert.True(fitted.Length <= XlsxExportWriter.MaxCellLength);
        Assert.False(char.IsHighSurrogate(fitted[^2]), "the character before the mark is no lone high surrogate");
        Assert.EndsWith("a…", fitted, StringComparison.Ordinal);
    }
}
