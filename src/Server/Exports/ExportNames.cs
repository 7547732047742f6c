using System.Text;
using Microsoft.Net.Http.Headers;

namespace Conflicto.Server.Exports;

/// <summary>
/// The file name a download is saved as: <c>conflicto-{session title slug}-{what}.{csv|json|xlsx}</c>.
/// The slug is ASCII (accents dropped, anything else a dash) so every browser and file system takes
/// it; Content-Disposition also carries the UTF-8 name (<c>filename*</c>).
/// </summary>
public static class ExportNames
{
    public const int MaxSlugLength = 60;

    public static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var letter in title)
        {
            var c = Latin.GetValueOrDefault(char.ToLowerInvariant(letter), letter);
            if (c < 128 && char.IsAsciiLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length >= MaxSlugLength) break;
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "session" : text;
    }

    /// <summary>
    /// Accented Latin letters and their base letter. By table, not by Unicode decomposition: the
    /// server runs with invariant globalization, where <c>string.Normalize</c> leaves them as they are.
    /// </summary>
    private static readonly Dictionary<char, char> Latin = new[]
    {
        ("àáâãäåāăą", 'a'), ("çćĉċč", 'c'), ("ďđ", 'd'), ("èéêëēĕėęě", 'e'), ("ĝğġģ", 'g'), ("ĥħ", 'h'), ("ìíîïĩīĭįı", 'i'),
        ("ĵ", 'j'), ("ķ", 'k'), ("ĺļľŀł", 'l'), ("ñńņňŉ", 'n'), ("òóôõöøōŏő", 'o'), ("ŕŗř", 'r'), ("śŝşšß", 's'), ("ţťŧ", 't'),
        ("ùúûüũūŭůűų", 'u'), ("ŵ", 'w'), ("ýÿŷ", 'y'), ("źżž", 'z'),
    }.SelectMany(p => p.Item1.Select(c => (c, p.Item2))).ToDictionary(p => p.c, p => p.Item2);

    public static string FileName(string sessionTitle, string what, string extension) =>
        $"conflicto-{Slug(sessionTitle)}-{what}.{extension}";

    public static void SetAttachment(HttpResponse response, string fileName)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
    }
}
