namespace Conflicto.Server.Access;

/// <summary>Who receives an event: a role, and for participants who they are.</summary>
public sealed record Audience(string Role, int? ParticipantId)
{
    public static readonly Audience Host = new(Roles.Host, null);
    public static readonly Audience Viewer = new(Roles.Viewer, null);
}
