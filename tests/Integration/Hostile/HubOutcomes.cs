using System.Text.RegularExpressions;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>How a hub answer is judged: a refusal names a 4xx status, never the bare "unexpected error", and shows no internals.</summary>
public static partial class HubOutcomes
{
    /// <summary>Null when the error text is a proper refusal; else what is wrong with it.</summary>
    public static string? Problem(string error, string sent)
    {
        var match = Refusal().Match(error);
        if (!match.Success) return "not a refusal with a 4xx status (a server error)";
        var detail = error[match.Index..]; // SignalR's own preamble names the method; the text after it is ours
        return Internals.Leak(detail.Replace("HubException: ", "", StringComparison.Ordinal), sent) is { } leak ? $"the error shows internals (\"{leak}\")" : null;
    }

    /// <summary>A close the server sent (a frame it could not read): it may say no more than that.</summary>
    public static string? CloseProblem(string? error, string sent) =>
        error is null ? null
        : Internals.Leak(error.Replace("Connection closed with an error.", "", StringComparison.Ordinal), sent) is { } leak ? $"the close shows internals (\"{leak}\")"
        : null;

    [GeneratedRegex(@"(^|HubException: )4\d\d [A-Z]")]
    private static partial Regex Refusal();
}
