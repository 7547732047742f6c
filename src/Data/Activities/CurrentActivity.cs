namespace Conflicto.Data.Activities;

/// <summary>
/// The one definition of a session's current activity, used by every view of it
/// (<c>current_activity_id</c> in status, session and join answers, <c>/activities/active</c>,
/// hub snapshots): the <b>most recently opened</b> active activity. Normally at most one is active,
/// because opening an activity closes the others; a host who opens with "keep others open" may
/// have several, and then the last one opened is current (ties, which need two openings in the
/// same microsecond, go to the later-created id: ids are time-ordered UUIDv7).
/// </summary>
public static class CurrentActivity
{
    /// <summary>An SQL scalar subquery yielding the current activity's id (or null) of the session <paramref name="sessionId"/> (an SQL expression).</summary>
    public static string IdOf(string sessionId) => $"""
        (select ca.id from activities ca
         where ca.session_id = {sessionId} and ca.state = 'active'
         order by ca.started_at desc nulls last, ca.id desc
         limit 1)
        """;
}
