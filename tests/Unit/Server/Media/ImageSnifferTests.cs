using System.Text;
using Conflicto.Server.Media;

namespace Conflicto.Tests.Unit.Server.Media;

/// <summary>The kind of an upload comes from its first bytes; what is refused is named for the log.</summary>
public sealed class ImageSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, ImageKind.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0 }, ImageKind.Jpeg)]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, ImageKind.Gif)]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, ImageKind.WebP)]
    public void Images_AreKnownByTheirMagicBytes(byte[] head, ImageKind kind) => Assert.Equal(kind, ImageSniffer.Kind(head));

    [Theory]
    [InlineData("\u007fELF\u0002\u0001", "ELF executable")]
    [InlineData("MZ\u0090\u0000", "PE")]
    [InlineData("PK\u0003\u0004", "zip")]
    [InlineData("\ufeff  <svg xmlns=\"http://www.w3.org/2000/svg\">", "SVG")]
    [InlineData("<html><body>", "XML or HTML")]
    [InlineData("RIFF\u0001\u0002\u0003\u0004WAVE", "not a PNG")]
    [InlineData("GIF8", "not a PNG")]
    public void Others_AreRefused_AndNamed(string head, string named)
    {
        var bytes = Encoding.Latin1.GetBytes(head.Replace("\ufeff", "", StringComparison.Ordinal));
        if (head.StartsWith('\ufeff')) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        Assert.Null(ImageSniffer.Kind(bytes));
        Assert.Contains(named, ImageSniffer.Describe(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_IsNotAnImage() => Assert.Null(ImageSniffer.Kind([]));
}
