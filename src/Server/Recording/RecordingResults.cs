using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Server.Realtime;
using Conflicto.Server.Realtime.Coalescing;
using System.Text.Json;

namespace Conflicto.Server.Recording;

/// <summary>
/// The <c>Results</c> documents a replay draws its charts from. The log holds responses, not
/// results: live, the <see cref="ResultsCoalescer"/> turns response events into results, so the
/// recording does the same with the same incremental state (<see cref="ActivityResultsState"/>),
/// fed the recorded events in seq order, and attaches a document to the event after which it is
/// due. Like live it coalesces, on the recorded clock: at most one document per activity per
/// <see cref="Every"/>, the last one held back until the next event at least that much later, and
/// always one when the activity changes state (the results it closed with).
/// A host's moderation decision, an enricher's verdict and Q&amp;A marks are not in the response
/// events: the recorded documents leave them out; the final results (<see cref="RecordingWriter"/>
/// reads them from the database) include them. Holds each activity's responses, as live does,
/// never the events.
/// </summary>
internal sealed class RecordingResults
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private readonly Dictionary<Guid, Entry> _activities = [];
    private readonly HashSet<Guid> _pending = [];

    /// <summary>The activities the recording saw and did not see deleted, in order of creation.</summary>
    public IEnumerable<Guid> Activities => _activities.Keys;

    /// <summary>Applies one recorded event; returns the results documents due with it (usually none).</summary>
    public IReadOnlyList<ResultsUpdate> Apply(SessionEvent e)
    {
        List<ResultsUpdate>? due = null;
        switch (e.Type)
        {
            case EventTypes.ActivityCreated or EventTypes.ActivityUpdated or EventTypes.ActivityStateChanged:
                var row = e.Data.Deserialize<ActivityRow>(Data.Infrastructure.Json.Options)!;
                if (!_activities.TryGetValue(row.Id, out var entry)) _activities[row.Id] = new Entry(row);
                else entry.Change(row);
                if (e.Type == EventTypes.ActivityStateChanged && _pending.Contains(row.Id)) Show(row.Id, e.At, ref due);
                break;
            case EventTypes.ActivityDeleted:
                if (EventFields.Of(e).Id is { } deleted) { _activities.Remove(deleted); _pending.Remove(deleted); }
                break;
            case EventTypes.ResponseAdded or EventTypes.ResponseUpdated or EventTypes.ResponseDeleted:
                if (EventFields.ActivityOf(e) is not { } activityId || !_activities.TryGetValue(activityId, out var answered)) break;
                answered.Apply(e);
                _pending.Add(activityId);
                break;
        }
        foreach (var id in _pending.ToList())
            if (_activities[id].LastShown is not { } shown || e.At - shown >= Every) Show(id, e.At, ref due);
        return (IReadOnlyList<ResultsUpdate>?)due ?? [];
    }

    private void Show(Guid activityId, DateTime at, ref List<ResultsUpdate>? due)
    {
        _pending.Remove(activityId);
        var entry = _activities[activityId];
        entry.LastShown = at;
        if (entry.State is { } state) (due ??= []).Add(state.ToUpdate());
    }

    private sealed class Entry(ActivityRow activity)
    {
        private ActivityRow _activity = activity;

        public ActivityResultsState? State { get; private set; }

        public DateTime? LastShown { get; set; }

        public void Change(ActivityRow activity)
        {
            var reconfigured = activity.ActivityType != _activity.ActivityType || activity.Configuration.GetRawText() != _activity.Configuration.GetRawText();
            _activity = activity;
            if (reconfigured && State is { } state) State = state.Reconfigured(activity);
        }

        public void Apply(SessionEvent e) => (State ??= new ActivityResultsState(_activity, [], 0)).Apply(e);
    }
}
