using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Processing;

namespace Conflicto.Server.Media;

/// <summary>A re-encoded upload: the bytes stored and served, never the ones sent.</summary>
public sealed record SanitizedImage(byte[] Content, string ContentType, int Width, int Height);

/// <summary>Why an upload was refused: its HTTP status (415, 422) and a reason for the caller and the log.</summary>
public sealed record ImageRefusal(int Status, string Reason);

/// <summary>
/// Turns an upload into a safe image with ImageSharp: the kind comes from the magic bytes
/// (<see cref="ImageSniffer"/>), the size from the header, checked against
/// <see cref="MediaOptions.MaxPixels"/> BEFORE any pixel is decoded (a 50000×50000 PNG of a few
/// hundred bytes never gets a buffer), then a real decode with only that kind's decoder, the EXIF
/// orientation applied, scaled down to <see cref="MediaOptions.MaxDimension"/>, every metadata
/// profile (EXIF with its GPS, ICC, IPTC, XMP, PNG text, GIF comments) and every frame but the first
/// dropped, and encoded again. At most two decodes run at once per node: one is up to
/// MaxPixels × 4 bytes of memory.
/// </summary>
public sealed class ImageSanitizer(IOptions<MediaOptions> options)
{
    private static readonly SemaphoreSlim Decodes = new(2);

    private static readonly Configuration Formats = new(
        new PngConfigurationModule(), new JpegConfigurationModule(), new GifConfigurationModule(), new WebpConfigurationModule());

    private readonly MediaOptions _options = options.Value;

    public async Task<(SanitizedImage? Image, ImageRefusal? Refusal)> SanitizeAsync(byte[] upload, CancellationToken ct)
    {
        if (ImageSniffer.Kind(upload) is not { } kind)
            return (null, new ImageRefusal(StatusCodes.Status415UnsupportedMediaType, $"The upload is {ImageSniffer.Describe(upload)}; only PNG, JPEG, GIF and WebP images are accepted."));

        var decoder = Decoder(kind);
        IImageInfo? info;
        try
        {
            using var header = new MemoryStream(upload, writable: false);
            info = ((IImageInfoDetector)decoder).Identify(Formats, header, ct);
        }
        catch (Exception e) when (IsUndecodable(e))
        {
            return (null, Undecodable(kind, e));
        }
        if (info is null || info.Width <= 0 || info.Height <= 0)
            return (null, new ImageRefusal(StatusCodes.Status422UnprocessableEntity, $"The {kind} image has no readable size."));
        if ((long)info.Width * info.Height > _options.MaxPixels)
            return (null, new ImageRefusal(StatusCodes.Status422UnprocessableEntity,
                $"The {kind} image declares {info.Width}×{info.Height} pixels, more than the {_options.MaxPixels} allowed (a decompression bomb, or simply too large)."));

        await Decodes.WaitAsync(ct);
        try
        {
            using var image = Image.Load(Formats, upload, decoder);
            return (Reencode(image, kind), null);
        }
        catch (Exception e) when (IsUndecodable(e))
        {
            return (null, Undecodable(kind, e));
        }
        finally
        {
            Decodes.Release();
        }
    }

    private SanitizedImage Reencode(Image image, ImageKind kind)
    {
        while (image.Frames.Count > 1) image.Frames.RemoveFrame(image.Frames.Count - 1);
        image.Mutate(x => x.AutoOrient()); // before the EXIF goes: a phone photo keeps its way up
        if (image.Width > _options.MaxDimension || image.Height > _options.MaxDimension)
            image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(_options.MaxDimension, _options.MaxDimension) }));
        Strip(image.Metadata);
        foreach (var frame in image.Frames) Strip(frame.Metadata);

        using var output = new MemoryStream();
        image.Save(output, Encoder(kind));
        return new SanitizedImage(output.ToArray(), ImageSniffer.ContentType(kind), image.Width, image.Height);
    }

    private static void Strip(ImageMetadata metadata)
    {
        metadata.ExifProfile = null;
        metadata.IccProfile = null;
        metadata.IptcProfile = null;
        metadata.XmpProfile = null;
        metadata.GetPngMetadata().TextData.Clear();
        metadata.GetGifMetadata().Comments.Clear();
    }

    private static void Strip(ImageFrameMetadata metadata)
    {
        metadata.ExifProfile = null;
        metadata.IccProfile = null;
        metadata.IptcProfile = null;
        metadata.XmpProfile = null;
    }

    private static IImageDecoder Decoder(ImageKind kind) => kind switch
    {
        ImageKind.Png => new PngDecoder(),
        ImageKind.Jpeg => new JpegDecoder(),
        ImageKind.Gif => new GifDecoder { DecodingMode = SixLabors.ImageSharp.Metadata.FrameDecodingMode.First },
        _ => new WebpDecoder(),
    };

    private static IImageEncoder Encoder(ImageKind kind) => kind switch
    {
        ImageKind.Png => new PngEncoder(),
        ImageKind.Jpeg => new JpegEncoder { Quality = 85 },
        ImageKind.Gif => new GifEncoder(),
        _ => new WebpEncoder { Quality = 85 },
    };

    private static bool IsUndecodable(Exception e) =>
        e is ImageFormatException or InvalidMemoryOperationException or NotSupportedException or IndexOutOfRangeException
            or ArgumentException or InvalidOperationException or EndOfStreamException;

    private static ImageRefusal Undecodable(ImageKind kind, Exception e) =>
        new(StatusCodes.Status422UnprocessableEntity, $"The {kind} image could not be decoded ({e.GetType().Name}: {e.Message}).");
}
