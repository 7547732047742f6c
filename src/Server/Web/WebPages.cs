using System.Reflection;
using Microsoft.Net.Http.Headers;

namespace Conflicto.Server.Web;

/// <summary>
/// The web client's pages: one HTML shell (Web/page-shell.html, embedded) that loads the page's
/// bundle (wwwroot/js/{page}.js, built from src/Web). Each page's module reads the route itself
/// (/host/{id}, /join/{code}, /screen/{code}).
/// </summary>
public static class WebPages
{
    public static readonly WebPage Landing = new("landing", "Conflicto");
    public static readonly WebPage Host = new("host", "Host console · Conflicto");
    public static readonly WebPage Join = new("join", "Join · Conflicto");
    public static readonly WebPage Screen = new("screen", "Big screen · Conflicto");

    private static readonly string Shell = ReadShell();

    /// <summary>Whether the caller is a browser asking for a page rather than a client asking for JSON.</summary>
    public static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept is { Count: > 0 } accept
        && accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && a.Quality is null or >= 1);

    /// <summary>Serves a page. Never cached: a new deploy must reach phones at their next load.</summary>
    public static IResult Page(HttpContext http, WebPage page)
    {
        var bundle = http.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo($"js/{page.Name}.js");
        if (!bundle.Exists)
            return TypedResults.Problem($"The web client was not built (wwwroot/js/{page.Name}.js is missing): build src/Server, which bundles src/Web.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Web client missing");
        http.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        return TypedResults.Content(page.Html, "text/html; charset=utf-8");
    }

    private static string ReadShell()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Conflicto.Server.Web.page-shell.html")
            ?? throw new InvalidOperationException("Web/page-shell.html is not embedded in Conflicto.Server.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static string Render(WebPage page) =>
        Shell.Replace("{title}", System.Net.WebUtility.HtmlEncode(page.Title), StringComparison.Ordinal).Replace("{page}", page.Name, StringComparison.Ordinal);
}

/// <param name="Name">The page's bundle and body class: landing, host, join, screen.</param>
public sealed record WebPage(string Name, string Title)
{
    public string Html => field ??= WebPages.Render(this);
}
