namespace Conflicto.Data.Activities;

/// <summary>
/// The framework life cycle draft → published → active → expired, and its mapping to the legacy
/// status (draft/active/completed/cancelled) that old clients read and write.
/// </summary>
public static class ActivityStates
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Active = "active";
    public const string Expired = "expired";

    public static readonly IReadOnlyList<string> All = [Draft, Published, Active, Expired];

    private static readonly Dictionary<string, string[]> Transitions = new()
    {
        [Draft] = [Published],
        [Published] = [Draft, Active],
        [Active] = [Expired],
        [Expired] = [],
    };

    public static bool IsKnown(string state) => Transitions.ContainsKey(state);

    public static IReadOnlyList<string> ValidTransitions(string from) =>
        Transitions.TryGetValue(from, out var targets) ? targets : [];

    /// <summary>Whether <paramref name="from"/> may become <paramref name="to"/>; <paramref name="force"/> allows any move between known states.</summary>
    public static bool CanTransition(string from, string to, bool force) =>
        IsKnown(to) && from != to && (force || ValidTransitions(from).Contains(to));

    public static string ToLegacyStatus(string state) => state switch
    {
        Active => LegacyStatuses.Active,
        Expired => LegacyStatuses.Completed,
        _ => LegacyStatuses.Draft,
    };

    public static string FromLegacyStatus(string status) => status switch
    {
        LegacyStatuses.Active => Active,
        LegacyStatuses.Completed or LegacyStatuses.Cancelled => Expired,
        _ => Draft,
    };
}

public static class LegacyStatuses
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Draft, Active, Completed, Cancelled];

    public static bool IsKnown(string status) => All.Contains(status);
}
