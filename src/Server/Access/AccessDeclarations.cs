namespace Conflicto.Server.Access;

/// <summary>The credentials a REST route reads (<see cref="Caller"/>).</summary>
[Flags]
public enum Credentials
{
    None = 0,

    /// <summary>The session's admin code in <c>X-Admin-Code</c>: the host.</summary>
    AdminCode = 1,

    /// <summary>A participant token in <c>Authorization: Bearer</c>.</summary>
    ParticipantToken = 2,

    /// <summary>
    /// An external workflow's one-time callback token in <c>Authorization: Bearer</c>, issued with the
    /// job it was handed (docs/integrations.md); no admin code or participant token opens such a route.
    /// </summary>
    CallbackToken = 4,
}

/// <summary>
/// What a route says about who may call it. The handler's <see cref="AccessRules"/> enforce it;
/// this states it, so the OpenAPI document's security requirements (and its 401/403 answers) are
/// derived from the route itself and a route without a declaration fails a test instead of being
/// described as open.
/// </summary>
/// <param name="Accepted">The credentials the route reads.</param>
/// <param name="Required">Whether one of them must be sent (401 without, 403 when it does not grant the action).
/// When false they are optional and only widen what the caller sees (a host sees its drafts).</param>
public sealed record AccessDeclaration(Credentials Accepted, bool Required);

/// <summary>
/// Declares a route's access on its <c>Map*</c> call chain. Every route of the API description
/// needs exactly one of these (tests/Integration/OpenApi/AccessDeclarationTests).
/// </summary>
public static class AccessDeclarations
{
    /// <summary>Anyone, without a credential; none is read.</summary>
    public static TBuilder Public<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Declare(Credentials.None, required: false);

    /// <summary>The session's host only (<c>X-Admin-Code</c>).</summary>
    public static TBuilder RequiresAdminCode<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Declare(Credentials.AdminCode, required: true);

    /// <summary>A participant only (<c>Authorization: Bearer &lt;participant_token&gt;</c>).</summary>
    public static TBuilder RequiresParticipantToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Declare(Credentials.ParticipantToken, required: true);

    /// <summary>The participant concerned, or the host of its session.</summary>
    public static TBuilder RequiresAdminCodeOrParticipantToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Declare(Credentials.AdminCode | Credentials.ParticipantToken, required: true);

    /// <summary>Anyone; the host's admin code shows more (drafts, the admin code).</summary>
    public static TBuilder AcceptsAdminCode<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Declare(Credentials.AdminCode, required: false);

    /// <summary>Anyone; the host's admin code or a participant's token shows more.</summary>
    public static TBuilder AcceptsAdminCodeOrParticipantToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Declare(Credentials.AdminCode | Credentials.ParticipantToken, required: false);

    /// <summary>An external workflow only, with the one-time callback token of the job it was handed (<c>Authorization: Bearer cwt_…</c>).</summary>
    public static TBuilder RequiresCallbackToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Declare(Credentials.CallbackToken, required: true);

    private static TBuilder Declare<TBuilder>(this TBuilder builder, Credentials accepted, bool required) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessDeclaration(accepted, required));
}
