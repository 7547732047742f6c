using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Conflicto.Server.Media;

/// <summary>A re-encoded upload: the bytes stored and served, never the ones sent. <c>SourceFrames</c>: frames the upload had (only the first is kept).</summary>
public sealed record SanitizedImage(byte[] Content, string ContentType, int Width, int Height, int SourceFrames);

/// <summary>Why an upload was refused: its HTTP status (415, 422) and a reason for the caller and the log.</summary>
public sealed record ImageRefusal(int Status, string Reason);

/// <summary>
/// Turns an upload into a safe image with SkiaSharp: the kind comes from the magic bytes
/// (<see cref="ImageSniffer"/>); an <see cref="SKCodec"/> reads the size and frame count from the
/// header, checked against <see cref="MediaOptions.MaxPixels"/> BEFORE any pixel is decoded (a
/// 50000×50000 PNG of a few hundred bytes never gets a buffer); then only the first frame is
/// decoded, into sRGB, turned by its EXIF orientation, scaled down to <see cref="MediaOptions.MaxDimension"/>
/// and encoded from the bare pixels (<see cref="SkiaImages.Encode"/>): no metadata of the upload
/// (EXIF with its GPS, ICC, XMP, IPTC, text chunks, comments) can survive, nor any frame but the
/// first. At most two decodes run at once per node: one is up to MaxPixels × 4 bytes of memory.
/// </summary>
public sealed class ImageSanitizer(IOptions<MediaOptions> options)
{
    private static readonly SemaphoreSlim Decodes = new(2);

    private readonly MediaOptions _options = options.Value;

    public async Task<(SanitizedImage? Image, ImageRefusal? Refusal)> SanitizeAsync(byte[] upload, CancellationToken ct)
    {
        if (ImageSniffer.Kind(upload) is not { } kind)
            return (null, new ImageRefusal(StatusCodes.Status415UnsupportedMediaType, $"The upload is {ImageSniffer.Describe(upload)}; only PNG, JPEG, GIF and WebP images are accepted."));

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data); // reads the header only
        if (codec is null || !SameKind(codec.EncodedFormat, kind))
            return (null, new ImageRefusal(StatusCodes.Status422UnprocessableEntity, $"The {kind} image could not be decoded (its header is not readable)."));
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
            return (null, new ImageRefusal(StatusCodes.Status422UnprocessableEntity, $"The {kind} image has no readable size."));
        if ((long)width * height > _options.MaxPixels)
            return (null, new ImageRefusal(StatusCodes.Status422UnprocessableEntity,
                $"The {kind} image declares {width}×{height} pixels, more than the {_options.MaxPixels} allowed (a decompression bomb, or simply too large)."));

        await Decodes.WaitAsync(ct);
        try
        {
            return Decode(codec, kind, upload);
        }
        finally
        {
            Decodes.Release();
        }
    }

    private (SanitizedImage?, ImageRefusal?) Decode(SKCodec codec, ImageKind kind, byte[] upload)
    {
        var frames = Math.Max(1, codec.FrameCount);
        var opaque = codec.Info.AlphaType == SKAlphaType.Opaque;
        var target = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888,
            opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap(target);
        decoded.Erase(SKColors.Transparent); // a first frame smaller than the canvas leaves the rest transparent
        var result = codec.GetPixels(target, decoded.GetPixels(), new SKCodecOptions(0)); // the first frame only
        if (result != SKCodecResult.Success)
            return (null, new ImageRefusal(StatusCodes.Status422UnprocessableEntity, $"The {kind} image could not be decoded ({result})."));

        using var oriented = SkiaImages.OrientAndFit(decoded, codec.EncodedOrigin, _options.MaxDimension);
        var (content, contentType) = SkiaImages.Encode(oriented, kind, SkiaImages.IsLosslessWebP(upload));
        return (new SanitizedImage(content, contentType, oriented.Width, oriented.Height, frames), null);
    }

    private static bool SameKind(SKEncodedImageFormat format, ImageKind kind) => (format, kind) switch
    {
        (SKEncodedImageFormat.Png, ImageKind.Png) or (SKEncodedImageFormat.Jpeg, ImageKind.Jpeg)
            or (SKEncodedImageFormat.Gif, ImageKind.Gif) or (SKEncodedImageFormat.Webp, ImageKind.WebP) => true,
        _ => false,
    };
}
