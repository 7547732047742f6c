using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// A well-behaved legacy client: on each slot it asks <c>GET /api/v1/sessions/{id}/status</c>
/// with the last ETag in <c>If-None-Match</c>; on a 200 whose <c>current_activity_id</c> is new it
/// fetches that activity (<c>GET /api/v1/activities/{id}</c>: the question to show), and only then
/// has it seen the change. Steps poll.status (304s and 200s) and poll.fetch.
/// </summary>
public sealed class LegacyPoller(ScenarioContext ctx, HttpClient http, PollCounters counters, Uri node, int sessionId, string token)
{
    private readonly List<Sighting> _sightings = [];
    private readonly Uri _status = new(node, $"/api/v1/sessions/{sessionId}/status");
    private string? _etag;
    private Guid? _current;
    private int _newest = int.MinValue;

    /// <summary>The newest change this poller has seen (int.MinValue before any of this phase).</summary>
    public int Newest => Volatile.Read(ref _newest);

    public IReadOnlyList<Sighting> Sightings
    {
        get { lock (_sightings) return [.. _sightings]; }
    }

    public async Task RunAsync(PollSchedule schedule, int index, PhaseWindow window, ChangeBook book, CancellationToken ct)
    {
        var due = schedule.OffsetOf(index);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await window.DelayUntilAsync(due, ct);
                await PollAsync(book, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) { ctx.Metrics.Fail("poll.status", e); } // an answer it could not read: poll again next slot
            var next = schedule.NextSlot(index, window.Elapsed > due ? window.Elapsed : due);
            counters.Skipped(schedule.Skipped(due, next));
            due = next;
        }
    }

    private async Task PollAsync(ChangeBook book, CancellationToken ct)
    {
        using var request = Get(_status);
        if (_etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", _etag);
        var (status, body, etag) = await SendAsync("poll.status", request, ct);
        if (status == HttpStatusCode.NotModified)
        {
            counters.NotModified();
            return;
        }
        if (body is null) return; // failed, recorded
        counters.Changed();
        var current = ReadCurrentActivity(body);
        if (current is { } id && id != _current)
        {
            if (!await FetchAsync(id, book, ct)) return; // keep the old ETag: the next poll gets a 200 and retries
        }
        _current = current;
        _etag = etag;
    }

    private async Task<bool> FetchAsync(Guid activityId, ChangeBook book, CancellationToken ct)
    {
        using var request = Get(new Uri(node, $"/api/v1/activities/{activityId}"));
        counters.Fetched();
        var (_, body, _) = await SendAsync("poll.fetch", request, ct);
        if (body is null) return false;
        var at = Stopwatch.GetTimestamp();
        using var activity = JsonDocument.Parse(body);
        var state = activity.RootElement.GetProperty("state").GetString();
        if (state != "active" || activity.RootElement.GetProperty("id").GetGuid() != activityId)
        {
            ctx.Metrics.Fail("poll.fetch", $"the current activity {activityId} came back as '{state}'");
            return false;
        }
        if (book.IndexOf(activityId) is { } change)
        {
            lock (_sightings) _sightings.Add(new Sighting(change, at));
            if (change > _newest) Volatile.Write(ref _newest, change);
        }
        return true;
    }

    /// <summary>One request, timed as <paramref name="step"/>: the status, the body of a 200 (null otherwise) and its ETag.</summary>
    private async Task<(HttpStatusCode? Status, byte[]? Body, string? ETag)> SendAsync(string step, HttpRequestMessage request, CancellationToken ct)
    {
        counters.Sent();
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            counters.Received();
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotModified))
            {
                ctx.Metrics.Fail(step, $"{(int)response.StatusCode} {response.StatusCode}");
                return (response.StatusCode, null, null);
            }
            ctx.Metrics.Ok(step, Stopwatch.GetElapsedTime(start));
            return response.StatusCode == HttpStatusCode.OK
                ? (response.StatusCode, body, response.Headers.ETag?.ToString())
                : (response.StatusCode, null, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (Exception e)
        {
            ctx.Metrics.Fail(step, e);
            return (null, null, null);
        }
    }

    private HttpRequestMessage Get(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        // Polling needs no credential; a participant sends its token anyway, so that in
        // production the poll rate limit applies per participant rather than per address.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static Guid? ReadCurrentActivity(byte[] body)
    {
        using var status = JsonDocument.Parse(body);
        var current = status.RootElement.GetProperty("current_activity_id");
        return current.ValueKind == JsonValueKind.Null ? null : current.GetGuid();
    }
}
