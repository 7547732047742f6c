using System.Security.Cryptography;
using System.Text;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// The <c>Conflicto-Signature</c> header: <c>v1=</c> and the hex HMAC-SHA256 of
/// <c>"{timestamp}.{body}"</c> keyed with the secret's UTF-8 bytes (the whole <c>whsec_…</c>
/// string); during a rotation a second <c>v1=</c> with the previous secret follows, comma-separated.
/// </summary>
public static class WebhookSigner
{
    public const string Prefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes, base64url.</summary>
    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>What the API shows of a secret after creation: its prefix and last four characters.</summary>
    public static string Hint(string secret) => secret.Length < 10 ? Prefix + "…" : Prefix + "…" + secret[^4..];

    public static string Sign(string secret, long timestamp, string body)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var message = Encoding.UTF8.GetBytes($"{timestamp}.{body}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, message));
    }

    public static string Header(string secret, string? previousSecret, long timestamp, string body) =>
        previousSecret is null
            ? $"v1={Sign(secret, timestamp, body)}"
            : $"v1={Sign(secret, timestamp, body)},v1={Sign(previousSecret, timestamp, body)}";

    /// <summary>
    /// The receiver's check, as docs/integrations.md describes it: the timestamp within
    /// <paramref name="tolerance"/> of <paramref name="now"/>, and one <c>v1</c> signature equal (in constant time) to the expected one.
    /// </summary>
    public static bool Verify(string secret, string header, string timestampHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, out var timestamp)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        foreach (var part in header.Split(','))
        {
            var kv = part.Trim();
            if (!kv.StartsWith("v1=", StringComparison.Ordinal)) continue;
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(kv[3..]))) return true;
        }
        return false;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
