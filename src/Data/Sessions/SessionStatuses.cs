namespace Conflicto.Data.Sessions;

/// <summary>A session goes draft → active → completed (draft → completed cancels it unused).</summary>
public static class SessionStatuses
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Completed = "completed";

    public static readonly IReadOnlyList<string> All = [Draft, Active, Completed];

    public static bool IsKnown(string status) => All.Contains(status);

    public static bool CanTransition(string from, string to) => (from, to) switch
    {
        _ when from == to => true,
        (Draft, Active) or (Draft, Completed) or (Active, Completed) => true,
        _ => false,
    };

    /// <summary>Participants may join a session that has not ended.</summary>
    public static bool AcceptsParticipants(string status) => status != Completed;
}
