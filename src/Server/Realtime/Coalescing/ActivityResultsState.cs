using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Responses;
using Conflicto.Processing.Results;

namespace Conflicto.Server.Realtime.Coalescing;

/// <summary>
/// One activity's live results on this node: seeded once from the database, then kept current
/// by applying response events in seq order (an edit is remove-old, add-new), so a tick never
/// re-reads every response.
/// </summary>
internal sealed class ActivityResultsState
{
    private readonly ActivityRow _activity;
    private readonly IResultsAggregator _aggregator;
    private readonly Dictionary<Guid, ResponseRow> _responses = [];
    // Responses moderation hides, kept so that an edit of a rejected response stays hidden.
    private readonly Dictionary<Guid, ResponseRow> _hidden = [];

    public ActivityResultsState(ActivityRow activity, IEnumerable<ResponseRow> responses, long seededThrough)
    {
        _activity = activity;
        _aggregator = ResultsCalculator.CreateAggregator(activity);
        AppliedThrough = seededThrough;
        foreach (var response in responses)
        {
            if (Conflicto.Processing.Enrichment.Moderation.IsHidden(activity.Configuration, response)) { _hidden[response.Id] = response; continue; }
            _aggregator.Add(response);
            _responses[response.Id] = response;
        }
    }

    public Guid ActivityId => _activity.Id;
    /// <summary>Whether everyone may see these results; a draft's are its host's (<see cref="Access.DraftRules"/>).</summary>
    public bool IsPublic => Access.DraftRules.IsPublic(_activity.State);
    public bool IsModerated => Conflicto.Processing.Enrichment.Moderation.IsModerated(_activity.Configuration);
    /// <summary>Whether an enrichment changes these results without moderation (open text counts sentiment and topics).</summary>
    public bool ReadsEnrichment => _activity.ActivityType == Conflicto.Processing.ActivityTypes.ActivityTypeCatalog.OpenText;
    public long AppliedThrough { get; private set; }
    public int ResponseCount => _responses.Count;

    public void Apply(SessionEvent e)
    {
        if (e.Seq <= AppliedThrough) return;
        AppliedThrough = e.Seq;
        var fields = EventFields.Of(e);
        var id = fields.Id ?? throw new InvalidOperationException($"Response event {e.Seq} of session {e.SessionId} has no id.");
        if (_responses.Remove(id, out var old)) _aggregator.Remove(old);
        else _hidden.Remove(id, out old);
        if (e.Type == EventTypes.ResponseDeleted) return;
        var row = new ResponseRow
        {
            Id = id,
            SessionId = e.SessionId,
            ActivityId = _activity.Id,
            ParticipantId = fields.ParticipantId ?? 0,
            // Cloned: the element alone, not the whole event document it points into, stays with the response.
            ResponseData = e.Data.GetProperty("response_data").Clone(),
            // The flag recorded with the response travels in its event: results never re-decide it from the configuration.
            Anonymous = fields.Anonymous,
            ChangeSeq = e.Seq,
            CreatedAt = e.Data.GetProperty("created_at").GetDateTime(),
            UpdatedAt = e.Data.GetProperty("updated_at").GetDateTime(),
            // An edit keeps the host's decision (the store keeps it too); a new verdict comes with its own event.
            ModerationOverride = old?.ModerationOverride,
            // So do the host's Q&A marks: an edit changes the text, not whether it is pinned or answered.
            Pinned = old?.Pinned ?? false,
            Answered = old?.Answered ?? false,
        };
        if (Conflicto.Processing.Enrichment.Moderation.IsHidden(_activity.Configuration, row)) { _hidden[id] = row; return; }
        _responses[id] = row;
        _aggregator.Add(row);
    }

    /// <summary>
    /// The same responses under a changed activity (a configuration edit): what a recording does
    /// where the live coalescer would reseed from the database, which holds only the present.
    /// </summary>
    public ActivityResultsState Reconfigured(ActivityRow activity) =>
        new(activity, _responses.Values.Concat(_hidden.Values).OrderBy(r => r.ChangeSeq), AppliedThrough);

    public object Snapshot() => _aggregator.Snapshot();

    /// <summary>The <c>Results</c> document of this state, as pushed and as carried by join snapshots.</summary>
    public ResultsUpdate ToUpdate() =>
        new(_activity.SessionId, _activity.Id, AppliedThrough, ResponseCount, JsonTree.ToObject(Data.Infrastructure.Json.ToElement(Snapshot()))!);
}
