using System.Security.Cryptography;
using System.Text;

namespace Conflicto.Processing.Workflows;

/// <summary>
/// The one-time tokens a workflow calls back with: 256 random bits, base64url, prefixed <c>cwt_</c>
/// (so a leaked one is recognisable). Only the SHA-256 is stored; a callback is matched by hashing
/// what it sends, so the database never holds a usable token.
/// </summary>
public static class CallbackTokens
{
    public const string Prefix = "cwt_";
    private const int RandomBytes = 32;

    public static (string Token, byte[] Hash) Create()
    {
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(RandomBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="token"/> has the shape of a callback token (anything else is refused before a lookup).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 47 } && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
