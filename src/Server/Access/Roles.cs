namespace Conflicto.Server.Access;

/// <summary>The roles a caller can follow a session as.</summary>
public static class Roles
{
    public const string Host = "host";
    public const string Participant = "participant";
    public const string Viewer = "viewer";
}
