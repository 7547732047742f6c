using System.Security.Cryptography;
using System.Text;
using Conflicto.Data.Webhooks;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// Encrypts signing secrets at rest when <c>Webhooks:SecretKey</c> is set (AES-256-GCM, the key
/// outside the database): a stolen database dump or backup then does not give away the secrets.
/// Stored values are <c>enc1:</c> + base64(nonce ‖ ciphertext ‖ tag); a value without the prefix
/// (stored before a key was set) is read as it is. Without a key, secrets are stored as they are.
/// </summary>
public sealed class WebhookSecretProtector(IOptions<WebhookOptions> options)
{
    private const string Prefix = "enc1:";
    private readonly byte[]? _key = KeyOf(options.Value.SecretKey);

    public string Protect(string secret)
    {
        if (_key is null) return secret;
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[12 + plain.Length + 16];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) return stored;
        if (_key is null) throw new InvalidOperationException("A webhook secret is encrypted but Webhooks:SecretKey is not set: set it to the key it was encrypted with.");
        var sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var plain = new byte[sealedBytes.Length - 12 - 16];
        using var aes = new AesGcm(_key, 16);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidOperationException("A webhook secret does not decrypt with Webhooks:SecretKey: the key changed. Set the old key again, or rotate the endpoint's secret.");
        }
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>What the API shows of a stored secret (<see cref="WebhookSigner.Hint"/>); only the prefix when it does not decrypt.</summary>
    public string HintOf(string stored)
    {
        try
        {
            return WebhookSigner.Hint(Unprotect(stored));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or CryptographicException)
        {
            return WebhookSigner.Prefix + "…";
        }
    }

    /// <summary>The row with its secrets readable.</summary>
    public WebhookRow Readable(WebhookRow row) => row with
    {
        Secret = Unprotect(row.Secret),
        PreviousSecret = row.PreviousSecret is null ? null : Unprotect(row.PreviousSecret),
    };

    /// <summary>The key: 32 bytes in base64; null when unset. <see cref="IsValidKey"/> is checked at start-up.</summary>
    private static byte[]? KeyOf(string? key) => string.IsNullOrEmpty(key) ? null : Convert.FromBase64String(key);

    public static bool IsValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key)) return true;
        var bytes = new byte[64];
        return Convert.TryFromBase64String(key, bytes, out var length) && length == 32;
    }
}
