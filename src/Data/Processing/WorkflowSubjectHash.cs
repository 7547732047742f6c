using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Conflicto.Data.Processing;

/// <summary>
/// What a workflow attempt processed, as one string: an activity's <see cref="AnalysisHash"/>, or the
/// SHA-256 of a response's data as PostgreSQL prints it. The callback's result is stale when the
/// subject no longer hashes alike.
/// </summary>
public static class WorkflowSubjectHash
{
    public static string OfResponse(JsonElement responseData) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(responseData.GetRawText()))).ToLowerInvariant();

    /// <summary>The hash of a subject's input as <see cref="JobStore"/> reads it under the session lock.</summary>
    public static string? Of(string kind, JsonElement? input) => input is not { } current ? null
        : kind == JobKinds.ActivityAnalysis
            ? AnalysisHash.Of(current.GetProperty("activity_type").GetString()!, current.GetProperty("configuration"))
            : OfResponse(current);
}
