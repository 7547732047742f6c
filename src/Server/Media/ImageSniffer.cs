namespace Conflicto.Server.Media;

/// <summary>The image formats uploads may be, told by their first bytes (never by file name or declared type).</summary>
public enum ImageKind { Png, Jpeg, Gif, WebP }

/// <summary>
/// Reads the magic bytes of an upload. Only PNG, JPEG, GIF and WebP pass; for anything else it
/// names what the bytes look like (an executable, a zip, SVG/XML), so the refusal's log says why.
/// </summary>
public static class ImageSniffer
{
    public static ImageKind? Kind(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return ImageKind.Png;
        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF])) return ImageKind.Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return ImageKind.Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return ImageKind.WebP;
        return null;
    }

    /// <summary>What a refused upload looks like, for the log and the problem's detail.</summary>
    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((byte[])[0x7F, 0x45, 0x4C, 0x46])) return "an ELF executable";
        if (head.StartsWith("MZ"u8)) return "a Windows (PE) executable";
        if (head.StartsWith((byte[])[0xCF, 0xFA, 0xED, 0xFE]) || head.StartsWith((byte[])[0xFE, 0xED, 0xFA, 0xCF])) return "a Mach-O executable";
        if (head.StartsWith("#!"u8)) return "a script";
        if (head.StartsWith("PK"u8)) return "a zip archive";
        if (head.StartsWith((byte[])[0x1F, 0x8B])) return "a gzip archive";
        if (head.StartsWith("%PDF"u8)) return "a PDF document";
        var text = System.Text.Encoding.UTF8.GetString(head[..Math.Min(head.Length, 256)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('<')) return text.Contains("svg", StringComparison.OrdinalIgnoreCase) ? "an SVG image (not allowed: it can carry scripts)" : "an XML or HTML document";
        if (head.StartsWith("BM"u8) || head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return "an image format that is not allowed (BMP or TIFF)";
        return "not a PNG, JPEG, GIF or WebP image";
    }
}
