using System.Security.Cryptography;
using System.Text;
using Conflicto.Data.Sessions;

namespace Conflicto.Server.Access;

/// <summary>
/// The one way C# compares a code a caller typed with a session's: normalised as people type
/// them (<see cref="SessionCodes.Normalize"/>), then in fixed time, so how long a refusal takes
/// does not tell a guesser how many leading characters were right. Codes have a public length,
/// so leaving early on a length mismatch gives nothing away.
/// </summary>
public static class CodeComparison
{
    /// <summary>True when <paramref name="given"/> is <paramref name="expected"/> up to case and surrounding spaces; a missing or blank code matches nothing.</summary>
    public static bool Matches(string? given, string expected)
    {
        if (string.IsNullOrWhiteSpace(given) || string.IsNullOrWhiteSpace(expected)) return false;
        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(SessionCodes.Normalize(given)),
            Encoding.UTF8.GetBytes(SessionCodes.Normalize(expected)));
    }
}
