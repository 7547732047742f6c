using Conflicto.Data.Activities;
using Conflicto.Server.Activities;

namespace Conflicto.Server.Access;

/// <summary>
/// Drafts are the host's business (a quiz's question and answers must not leak before it is
/// published). The one rule, asked by the hub's redaction, the event log over HTTP and every REST
/// read: anyone but the session's host sees a draft only as <see cref="DraftStub"/> where it is
/// part of a list or a document (session detail, activity lists, <c>GET /activities/{id}</c>, the
/// hub snapshot, activity events), and gets 404 from the routes about its content (results,
/// status, processing, responses), as if it were not there.
/// </summary>
public static class DraftRules
{
    /// <summary>
    /// Whether everyone may see the content of an activity in this state. An unknown state (a
    /// processing event stored before events recorded it) counts as a draft: when in doubt, hide.
    /// </summary>
    public static bool IsPublic(string? state) => state is ActivityStates.Published or ActivityStates.Active or ActivityStates.Expired;

    public static bool Shows(ActivityRow activity, Caller caller) => IsPublic(activity.State) || caller.IsHostOf(activity.SessionId);

    /// <summary>The activity as this caller may see it: the full document, or the stub.</summary>
    public static object View(ActivityRow activity, Caller caller) =>
        Shows(activity, caller) ? ActivityDto.From(HostOnlyFields.For(activity, caller.IsHostOf(activity.SessionId))) : DraftStub.Of(activity.Id, activity.SessionId);

    /// <summary>
    /// The polling cache shares an answer between every caller of a key, so a host's view of a draft
    /// is cached under a key of its own (per hosted session: that view depends only on whether the
    /// activity belongs to it) and is never served to anyone else.
    /// </summary>
    public static string CacheKey(string key, Caller caller) => caller.HostOf is { } hosted ? $"{key}|host:{hosted}" : key;
}

/// <summary>What non-hosts see of a draft activity: that it exists, nothing of its content.</summary>
public sealed record DraftStub(Guid? Id, int? SessionId, string State, bool Redacted)
{
    public static DraftStub Of(Guid? id, int? sessionId) => new(id, sessionId, ActivityStates.Draft, Redacted: true);
}
