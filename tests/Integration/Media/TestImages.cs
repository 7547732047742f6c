using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace Conflicto.Tests.Integration.Media;

/// <summary>Real images made with SkiaSharp (GIF and animated WebP by hand: <see cref="HandMadeImages"/>), and hostile bytes dressed as images.</summary>
public static class TestImages
{
    public const string CameraMaker = "SecretCameraCo";

    /// <summary>A JPEG with an APP1 Exif segment: a camera maker, a GPS position (<see cref="TestExif"/>) and <paramref name="orientation"/>; the server must strip them.</summary>
    public static byte[] JpegWithExif(int width = 64, int height = 48, ushort orientation = 1) =>
        TestExif.Insert(Encode(Gradient(width, height), SKEncodedImageFormat.Jpeg, 90), CameraMaker, orientation);

    public static byte[] Png(int width, int height) => Encode(Gradient(width, height), SKEncodedImageFormat.Png, 100);

    /// <summary>A PNG of random pixels: it hardly compresses, so its stored size is about width × height × 3 bytes.</summary>
    public static byte[] NoisePng(int width, int height, int seed)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        return Encode(bitmap, SKEncodedImageFormat.Png, 100);
    }

    /// <summary>The gradient in another format: "gif" or "webp".</summary>
    public static byte[] Encoded(string format, int width = 40, int height = 30) => format == "gif"
        ? HandMadeImages.Gif(width, height, [GradientIndices(width, height)], HandMadeImages.GradientPalette())
        : Encode(Gradient(width, height), SKEncodedImageFormat.Webp, 90);

    /// <summary>A valid PNG of a few dozen bytes whose header declares <paramref name="width"/>×<paramref name="height"/>: a decompression bomb.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(new byte[64 * 1024]);
            Chunk(output, "IDAT", compressed.ToArray());
        }
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A zip of 20 MB of zeros (a few kB on the wire).</summary>
    public static byte[] ZipBomb()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = zip.CreateEntry("zeros.png", CompressionLevel.SmallestSize).Open())
            for (var i = 0; i < 20; i++) entry.Write(new byte[1024 * 1024]);
        return output.ToArray();
    }

    /// <summary>The first bytes of an ELF executable, then padding.</summary>
    public static byte[] Elf() => [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, .. new byte[512]];

    /// <summary>The first bytes of a Windows executable ("MZ" … "PE").</summary>
    public static byte[] Pe() => [0x4D, 0x5A, 0x90, 0x00, .. new byte[60], 0x50, 0x45, 0x00, 0x00, .. new byte[256]];

    public static byte[] Svg() => "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>"u8.ToArray();

    /// <summary>A PNG signature and header, then garbage where the pixels should be.</summary>
    public static byte[] CorruptPng()
    {
        var png = Png(32, 32);
        var corrupt = png[..40].Concat(Enumerable.Repeat((byte)0xAB, 200)).ToArray();
        return corrupt;
    }

    /// <summary>Width, height and frame count of encoded bytes, read as the server reads them.</summary>
    public static (int Width, int Height, int Frames, SKEncodedImageFormat Format) Identify(byte[] bytes)
    {
        using var codec = SKCodec.Create(new MemoryStream(bytes)) ?? throw new InvalidOperationException("Not an image Skia reads.");
        return (codec.Info.Width, codec.Info.Height, codec.FrameCount, codec.EncodedFormat);
    }

    /// <summary>The colour at (x, y) of encoded bytes.</summary>
    public static SKColor PixelAt(byte[] bytes, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("Not an image Skia decodes.");
        return bitmap.GetPixel(x, y);
    }

    private static SKBitmap Gradient(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), 128));
        return bitmap;
    }

    private static byte[] GradientIndices(int width, int height)
    {
        var indices = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                indices[y * width + x] = (byte)((x * 16 / width) << 4 | (y * 16 / height));
        return indices;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using (bitmap)
        using (var data = bitmap.Encode(format, quality))
            return data.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
