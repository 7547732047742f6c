namespace Conflicto.Data.Participants;

/// <summary>Presence derived from <c>last_seen</c>: online under 30 s, idle under 120 s, else disconnected.</summary>
public static class Presence
{
    public const string Online = "online";
    public const string Idle = "idle";
    public const string Disconnected = "disconnected";

    public static readonly TimeSpan OnlineWindow = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(120);

    public static string Of(DateTime lastSeen, DateTime now)
    {
        var silence = now - lastSeen;
        if (silence < OnlineWindow) return Online;
        return silence < IdleWindow ? Idle : Disconnected;
    }
}
