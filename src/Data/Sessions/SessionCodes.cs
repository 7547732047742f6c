using System.Security.Cryptography;

namespace Conflicto.Data.Sessions;

/// <summary>
/// Join codes (8 characters, typed by participants) and admin codes (6 characters, the host's
/// secret). The alphabet leaves out look-alikes (0/O, 1/I/L) so codes survive being read aloud.
/// </summary>
public static class SessionCodes
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int JoinCodeLength = 8;
    public const int AdminCodeLength = 6;

    public static string NewJoinCode() => RandomNumberGenerator.GetString(Alphabet, JoinCodeLength);

    public static string NewAdminCode() => RandomNumberGenerator.GetString(Alphabet, AdminCodeLength);

    /// <summary>Codes are case-insensitive for people typing them.</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public static bool IsWellFormed(string code, int length) =>
        code.Length == length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
