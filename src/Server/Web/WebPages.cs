using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Conflicto.Server.Web;

/// <summary>
/// The web client's pages (wwwroot/*.html, their scripts bundled from src/Web into wwwroot/js).
/// Each page is one HTML shell; the page's module reads the route itself (/host/{id}, /join/{code}, /screen/{code}).
/// </summary>
public static class WebPages
{
    public const string Landing = "landing.html";
    public const string Host = "host.html";
    public const string Join = "join.html";
    public const string Screen = "screen.html";

    /// <summary>Whether the caller is a browser asking for a page rather than a client asking for JSON.</summary>
    public static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept is { Count: > 0 } accept
        && accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && a.Quality is null or >= 1);

    /// <summary>Serves a page shell. Never cached: a new deploy must reach phones at their next load.</summary>
    public static IResult Page(HttpContext http, string file)
    {
        var info = http.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo(file);
        if (!info.Exists) return TypedResults.Problem($"The web client was not built ({file} is missing): build src/Server, which bundles src/Web.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Web client missing");
        http.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        return TypedResults.Stream(info.CreateReadStream(), "text/html; charset=utf-8");
    }
}
