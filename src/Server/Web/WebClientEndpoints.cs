using System.Text.RegularExpressions;
using QRCoder;

namespace Conflicto.Server.Web;

/// <summary>The web client's routes: the three pages, the landing page for browsers at /, and join QR codes.</summary>
public static partial class WebClientEndpoints
{
    public static IEndpointRouteBuilder MapWebClient(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup("").WithTags("Web client").ExcludeFromDescription();
        pages.MapGet("/host", (HttpContext http) => WebPages.Page(http, WebPages.Host));
        pages.MapGet("/host/{sessionId:int}", (HttpContext http) => WebPages.Page(http, WebPages.Host));
        pages.MapGet("/join", (HttpContext http) => WebPages.Page(http, WebPages.Join));
        pages.MapGet("/join/{code}", (HttpContext http) => WebPages.Page(http, WebPages.Join));
        pages.MapGet("/screen/{code}", (HttpContext http) => WebPages.Page(http, WebPages.Screen));
        pages.MapGet("/qr/{code}.svg", JoinQrCode);
        return routes;
    }

    /// <summary>
    /// The QR code a phone scans to join: it encodes this server's <c>/join/{code}</c> URL, as the
    /// request reached us (behind a proxy, configure forwarded headers so this is the public one).
    /// </summary>
    public static IResult JoinQrCode(string code, HttpContext http)
    {
        if (!CodeShape().IsMatch(code)) return TypedResults.NotFound();
        var url = $"{http.Request.Scheme}://{http.Request.Host}/join/{code.ToUpperInvariant()}";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(10, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Text(svg, "image/svg+xml");
    }

    [GeneratedRegex("^[A-Za-z0-9]{4,16}$")]
    private static partial Regex CodeShape();
}
