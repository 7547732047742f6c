using System.Buffers.Binary;
using SkiaSharp;

namespace Conflicto.Tests.Integration.Media;

/// <summary>
/// Images Skia cannot write: GIF (one frame or animated, written with uncompressed LZW codes) and
/// animated WebP (lossless frames from Skia wrapped in VP8X/ANIM/ANMF chunks).
/// </summary>
public static class HandMadeImages
{
    /// <summary>A 256-colour palette: index (r &lt;&lt; 4 | g) is red r×17, green g×17, blue 128.</summary>
    public static SKColor[] GradientPalette() =>
        Enumerable.Range(0, 256).Select(i => new SKColor((byte)((i >> 4) * 17), (byte)((i & 15) * 17), 128)).ToArray();

    /// <summary>A GIF89a of <paramref name="frames"/> (palette indices, width × height each); more than one loops forever.</summary>
    public static byte[] Gif(int width, int height, IReadOnlyList<byte[]> frames, SKColor[] palette, bool declareHugeScreen = false)
    {
        using var output = new MemoryStream();
        output.Write("GIF89a"u8);
        WriteUInt16(output, declareHugeScreen ? 65535 : width);
        WriteUInt16(output, declareHugeScreen ? 65535 : height);
        output.Write([0xF7, 0, 0]); // a global colour table of 256 entries
        for (var i = 0; i < 256; i++)
        {
            var c = i < palette.Length ? palette[i] : SKColors.Black;
            output.Write([c.Red, c.Green, c.Blue]);
        }
        if (frames.Count > 1) output.Write([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]);
        foreach (var frame in frames)
        {
            output.Write([0x21, 0xF9, 4, 0x04, 10, 0, 0, 0]); // graphic control: keep, 100 ms
            output.WriteByte(0x2C);
            WriteUInt16(output, 0);
            WriteUInt16(output, 0);
            WriteUInt16(output, width);
            WriteUInt16(output, height);
            output.WriteByte(0);
            output.WriteByte(8); // LZW minimum code size
            var lzw = UncompressedLzw(frame);
            for (var at = 0; at < lzw.Length; at += 255)
            {
                var block = lzw.AsSpan(at, Math.Min(255, lzw.Length - at));
                output.WriteByte((byte)block.Length);
                output.Write(block);
            }
            output.WriteByte(0);
        }
        output.WriteByte(0x3B);
        return output.ToArray();
    }

    /// <summary>An animated WebP of solid-colour lossless frames, <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] AnimatedWebP(int width, int height, params SKColor[] colors)
    {
        using var body = new MemoryStream();
        body.Write("WEBP"u8);
        var vp8x = new byte[10];
        vp8x[0] = 0x02; // animation
        WriteUInt24(vp8x, 4, width - 1);
        WriteUInt24(vp8x, 7, height - 1);
        Chunk(body, "VP8X", vp8x);
        Chunk(body, "ANIM", [0, 0, 0, 0, 0, 0]); // background, loop forever
        foreach (var color in colors)
        {
            using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
            bitmap.Erase(color);
            using var pixels = bitmap.PeekPixels();
            using var encoded = pixels.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 75)) ?? throw new InvalidOperationException("Skia wrote no WebP.");
            var still = encoded.ToArray(); // RIFF size WEBP VP8L…
            var frame = new byte[16];
            WriteUInt24(frame, 6, width - 1);
            WriteUInt24(frame, 9, height - 1);
            WriteUInt24(frame, 12, 100); // ms
            frame[15] = 0x02; // no blending
            Chunk(body, "ANMF", [.. frame, .. still[12..]]);
        }
        var riff = body.ToArray();
        var result = new byte[8 + riff.Length];
        "RIFF"u8.CopyTo(result);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)riff.Length);
        riff.CopyTo(result, 8);
        return result;
    }

    /// <summary>9-bit codes, one per pixel, a clear code every 250: valid LZW that a decoder never grows past 9 bits.</summary>
    private static byte[] UncompressedLzw(byte[] indices)
    {
        const int clear = 256, end = 257;
        var bits = new List<bool>();
        void Emit(int code) { for (var b = 0; b < 9; b++) bits.Add(((code >> b) & 1) != 0); }
        for (var i = 0; i < indices.Length; i++)
        {
            if (i % 250 == 0) Emit(clear);
            Emit(indices[i]);
        }
        Emit(end);
        var bytes = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++) if (bits[i]) bytes[i / 8] |= (byte)(1 << (i % 8));
        return bytes;
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        output.Write(System.Text.Encoding.ASCII.GetBytes(type));
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)data.Length);
        output.Write(size);
        output.Write(data);
        if (data.Length % 2 == 1) output.WriteByte(0);
    }

    private static void WriteUInt16(Stream output, int value) => output.Write([(byte)value, (byte)(value >> 8)]);

    private static void WriteUInt24(byte[] buffer, int at, int value)
    {
        buffer[at] = (byte)value;
        buffer[at + 1] = (byte)(value >> 8);
        buffer[at + 2] = (byte)(value >> 16);
    }
}
