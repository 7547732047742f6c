using SkiaSharp;

namespace Conflicto.Server.Media;

/// <summary>
/// The pixel work of <see cref="ImageSanitizer"/>: the EXIF orientation applied and the image scaled
/// down in one draw, then an encode from bare pixels in the format docs/integrations.md promises:
/// PNG stays PNG; JPEG stays JPEG (quality 85); WebP stays WebP (lossy at quality 85, or lossless
/// when the upload was lossless); GIF becomes PNG (Skia has no GIF encoder, and PNG keeps a GIF's
/// exact colours and transparency).
/// </summary>
public static class SkiaImages
{
    public const int Quality = 85;

    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    /// <summary>A new bitmap: <paramref name="source"/> turned the way its EXIF origin says, no side longer than <paramref name="maxDimension"/>.</summary>
    public static SKBitmap OrientAndFit(SKBitmap source, SKEncodedOrigin origin, int maxDimension)
    {
        var swapped = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (width, height) = swapped ? (source.Height, source.Width) : (source.Width, source.Height);
        var scale = Math.Min(1d, (double)maxDimension / Math.Max(width, height));
        var (outWidth, outHeight) = (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));

        var result = new SKBitmap(source.Info.WithSize(outWidth, outHeight));
        result.Erase(SKColors.Transparent);
        using var canvas = new SKCanvas(result);
        canvas.Scale((float)outWidth / width, (float)outHeight / height);
        canvas.Concat(OriginMatrix(origin, source.Width, source.Height));
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, Sampling);
        canvas.Flush();
        return result;
    }

    /// <summary>The stored bytes and their content type; nothing of the upload but its pixels goes in.</summary>
    public static (byte[] Content, string ContentType) Encode(SKBitmap bitmap, ImageKind kind, bool losslessWebP)
    {
        using var pixels = bitmap.PeekPixels();
        using var data = kind switch
        {
            ImageKind.Jpeg => pixels.Encode(new SKJpegEncoderOptions(Quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
            ImageKind.WebP => pixels.Encode(new SKWebpEncoderOptions(losslessWebP ? SKWebpEncoderCompression.Lossless : SKWebpEncoderCompression.Lossy, losslessWebP ? 75 : Quality)),
            _ => pixels.Encode(SKPngEncoderOptions.Default),
        } ?? throw new InvalidOperationException($"Skia could not encode a {bitmap.Width}x{bitmap.Height} {kind} image.");
        var contentType = kind switch
        {
            ImageKind.Jpeg => "image/jpeg",
            ImageKind.WebP => "image/webp",
            _ => "image/png",
        };
        return (data.ToArray(), contentType);
    }

    /// <summary>Whether a WebP's image data is lossless (a VP8L chunk first, or right after the VP8X header).</summary>
    public static bool IsLosslessWebP(ReadOnlySpan<byte> webp) =>
        (webp.Length >= 16 && webp[12..16].SequenceEqual("VP8L"u8)) || (webp.Length >= 34 && webp[12..16].SequenceEqual("VP8X"u8) && webp[30..34].SequenceEqual("VP8L"u8));

    /// <summary>Skia's SkEncodedOriginToMatrix: maps the encoded pixels (<paramref name="width"/>×<paramref name="height"/>) to their upright place.</summary>
    private static SKMatrix OriginMatrix(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
