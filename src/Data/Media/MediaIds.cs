using System.Security.Cryptography;

namespace Conflicto.Data.Media;

/// <summary>Media ids: 128 random bits, base64url (22 characters). Knowing one is what lets a client read the image.</summary>
public static class MediaIds
{
    public const int Length = 22;

    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
