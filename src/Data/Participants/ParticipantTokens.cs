using System.Security.Cryptography;
using System.Text;

namespace Conflicto.Data.Participants;

/// <summary>Participant bearer tokens: 32 random bytes, base64url; only their SHA-256 is stored.</summary>
public static class ParticipantTokens
{
    public const string Prefix = "cpt_";

    public static string New() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static bool LooksLikeToken(string value) => value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length is > 40 and < 64;

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
