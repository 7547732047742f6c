using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Conflicto.Data.Processing;

/// <summary>
/// Identifies what a schema analysis looked at: the activity type and its configuration as
/// PostgreSQL's jsonb prints it (keys ordered, whitespace normalised), so equal configurations
/// hash alike however clients formatted them. Read configurations from the database before hashing.
/// </summary>
public static class AnalysisHash
{
    public static string Of(string activityType, JsonElement configuration) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{activityType}\n{configuration.GetRawText()}"))).ToLowerInvariant();
}
