using System.Net;
using System.Text;
using Conflicto.Tests.Integration.Infrastructure;
using SkiaSharp;
using static Conflicto.Tests.Integration.Media.MediaRequests;

namespace Conflicto.Tests.Integration.Media;

/// <summary>
/// What the Skia re-encode guarantees: no metadata of the upload survives (EXIF with its GPS position),
/// the EXIF orientation is applied, an animation is stored as its first frame, and a decompression
/// bomb is refused from its header.
/// </summary>
public sealed class MediaSanitizingTests(MediaApiFactory factory) : IClassFixture<MediaApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ExifWithGps_IsStripped()
    {
        var session = await _api.CreateSessionAsync();
        var jpeg = TestImages.JpegWithExif();
        var sent = Encoding.Latin1.GetString(jpeg);
        Assert.Contains("Exif\0\0MM", sent); // the test's premise: an APP1 Exif segment, a GPS IFD (tag 0x8825) and the maker
        Assert.Contains("\u0088\u0025", sent);
        Assert.Contains(TestImages.CameraMaker, sent);

        var created = await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, jpeg, "image/jpeg", session.AdminCode), HttpStatusCode.Created);
        var stored = await _api.Client.GetByteArrayAsync(created["url"]!.GetValue<string>());
        var text = Encoding.Latin1.GetString(stored);
        Assert.DoesNotContain("Exif", text);
        Assert.DoesNotContain(TestImages.CameraMaker, text);
        Assert.DoesNotContain("\u0088\u0025", text); // no GPS IFD pointer either
        Assert.False(HasApp1(stored), "the stored JPEG has an APP1 (Exif/XMP) segment");
        Assert.Equal(SKEncodedImageFormat.Jpeg, TestImages.Identify(stored).Format);
    }

    [Fact]
    public async Task ExifOrientation_IsApplied_BeforeItIsDropped()
    {
        var session = await _api.CreateSessionAsync();
        // 64×48 pixels that a phone says to turn 90° clockwise (orientation 6): 48×64 upright.
        var created = await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, TestImages.JpegWithExif(64, 48, orientation: 6), "image/jpeg", session.AdminCode), HttpStatusCode.Created);
        Assert.Equal((48, 64), (created["width"]!.GetValue<int>(), created["height"]!.GetValue<int>()));
        var info = TestImages.Identify(await _api.Client.GetByteArrayAsync(created["url"]!.GetValue<string>()));
        Assert.Equal((48, 64), (info.Width, info.Height));
    }

    [Theory]
    [InlineData("gif", "image/png")]
    [InlineData("webp", "image/webp")]
    public async Task AnimatedImage_IsStoredAsItsFirstFrameOnly(string format, string contentType)
    {
        var session = await _api.CreateSessionAsync();
        var animation = format == "gif"
            ? HandMadeImages.Gif(20, 10, [new byte[200], Enumerable.Repeat((byte)1, 200).ToArray()], [SKColors.Red, SKColors.Blue])
            : HandMadeImages.AnimatedWebP(20, 10, SKColors.Red, SKColors.Blue);
        Assert.Equal(2, TestImages.Identify(animation).Frames); // the premise: Skia reads two frames

        var created = await Api.ReadAsync(await UploadRawAsync(_api.Client, session.Id, animation, adminCode: session.AdminCode), HttpStatusCode.Created);
        Assert.Equal(contentType, created["content_type"]!.GetValue<string>());
        var stored = await _api.Client.GetByteArrayAsync(created["url"]!.GetValue<string>());
        var info = TestImages.Identify(stored);
        Assert.Equal((20, 10), (info.Width, info.Height));
        Assert.True(info.Frames <= 1, $"the stored image has {info.Frames} frames"); // Skia counts a still image's frames as 0
        var pixel = TestImages.PixelAt(stored, 10, 5);
        Assert.True(pixel.Red > 200 && pixel.Blue < 60, $"the stored pixel is {pixel}, not the first frame's red");
    }

    [Theory]
    [InlineData("png")]
    [InlineData("gif")]
    public async Task DecompressionBomb_IsRefusedWith422_FromItsHeader(string format)
    {
        var session = await _api.CreateSessionAsync();
        var bomb = format == "png"
            ? TestImages.PngDeclaring(50000, 50000)
            : HandMadeImages.Gif(4, 4, [new byte[16]], [SKColors.Red], declareHugeScreen: true);
        Assert.True(bomb.Length < 2000, $"the bomb is {bomb.Length} bytes: tiny on the wire is the point");

        var problem = await Api.ProblemAsync(await UploadRawAsync(_api.Client, session.Id, bomb, adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
        var detail = problem["detail"]!.GetValue<string>();
        // The declared size in the answer is read from the header: decoding 2.5 billion pixels would
        // have needed 10 GB, and MaxPixels (4,000,000 here) refused it before.
        Assert.Contains(format == "png" ? "50000×50000" : "65535×65535", detail);
        Assert.Contains("decompression bomb", detail);
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/media", adminCode: session.AdminCode);
        Assert.Equal(0, list["count"]!.GetValue<int>());
    }

    private static bool HasApp1(byte[] jpeg)
    {
        // Walk the marker segments up to the start of scan.
        for (var at = 2; at + 4 <= jpeg.Length && jpeg[at] == 0xFF;)
        {
            var marker = jpeg[at + 1];
            if (marker == 0xE1) return true;
            if (marker == 0xDA) return false;
            at += 2 + (jpeg[at + 2] << 8 | jpeg[at + 3]);
        }
        return false;
    }
}
