using System.Security.Cryptography;
using System.Text;

namespace Conflicto.Processing.Workflows;

/// <summary>
/// The signature of a post to the workflow, so it can tell the post came from this server:
/// <c>X-Conflicto-Timestamp: {unix seconds}</c> and
/// <c>X-Conflicto-Signature: v1={lower-case hex of HMAC-SHA256(secret, "{timestamp}.{body}")}</c>.
/// </summary>
public static class WorkflowSignature
{
    public const string TimestampHeader = "X-Conflicto-Timestamp";
    public const string SignatureHeader = "X-Conflicto-Signature";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)).ToLowerInvariant();
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
