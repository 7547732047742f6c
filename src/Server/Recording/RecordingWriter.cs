using System.Reflection;
using System.Text.Json;
using Conflicto.Data.Events;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;
using Conflicto.Server.Realtime;
using Conflicto.Server.Realtime.Coalescing;
using Conflicto.Server.Sessions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Conflicto.Server.Recording;

/// <summary>
/// Writes a <see cref="RecordingDocument"/> while it reads the log a page at a time, flushing as it
/// goes: a session of 100,000 events streams out (chunked) without the events being held in
/// memory. The results of the events before <c>after_seq</c> are rebuilt too (the log is read from
/// its start), so a later page's charts are right; that is the price of paging.
/// A failure once the first bytes are out cannot become a problem+json: the exception propagates,
/// the server aborts the response, and the client sees a truncated document rather than a short one.
/// </summary>
public sealed class RecordingWriter(SessionRow session, DateTime? startedAt, long afterSeq, long throughSeq, EventStore events, SnapshotStore snapshots)
    : IResult, IEndpointMetadataProvider
{
    public const int PageSize = 500;
    private const int FlushEveryEvents = 200;
    private const int FlushAtBytes = 32 * 1024;

    /// <summary>The hub's own naming (camelCase members, keys as they are): a client applies these documents as it applies a <c>Results</c> push.</summary>
    private static readonly JsonSerializerOptions HubJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var rest = http.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        // Over the response's pipe, not its stream: the serializer flushes the writer synchronously,
        // which a pipe takes as "commit these bytes", and only FlushAsync sends them.
        var body = http.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);

        json.WriteStartObject();
        json.WritePropertyName("session");
        JsonSerializer.Serialize(json, SessionResponse.From(session, revealAdminCode: false), rest);
        WriteTime(json, "started_at", startedAt);
        WriteTime(json, "ended_at", startedAt is null ? null : session.LastEventAt);
        json.WriteNumber("duration_ms", startedAt is { } start ? Milliseconds(session.LastEventAt - start) : 0);
        json.WriteNumber("event_count", session.LastSeq);
        json.WriteNumber("after_seq", afterSeq);

        json.WriteStartArray("events");
        var results = new RecordingResults();
        var unflushed = 0;
        long sent = 0;
        await foreach (var e in events.ReadAsync(session.Id, 0, throughSeq, PageSize, ct))
        {
            var due = results.Apply(e);
            if (e.Seq <= afterSeq) continue;
            WriteEvent(json, e, due);
            if (++unflushed >= FlushEveryEvents || json.BytesCommitted + json.BytesPending - sent >= FlushAtBytes)
            {
                json.Flush();
                await body.FlushAsync(ct);
                sent = json.BytesCommitted;
                unflushed = 0;
            }
        }
        json.WriteEndArray();

        var hasMore = throughSeq < session.LastSeq;
        json.WriteNumber("last_seq", Math.Max(afterSeq, throughSeq));
        json.WriteBoolean("has_more", hasMore);
        if (!hasMore)
        {
            json.WriteStartArray("results");
            foreach (var activityId in results.Activities)
            {
                // As a join's snapshot reads them: every moderation decision and mark included.
                if (await snapshots.ReadResultsBaseAsync(activityId, ct) is not { } seed) continue;
                JsonSerializer.Serialize(json, new ActivityResultsState(seed.Activity, seed.Responses, seed.AsOfSeq).ToUpdate(), HubJson);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.Flush();
        await body.FlushAsync(ct);
    }

    private void WriteEvent(Utf8JsonWriter json, SessionEvent e, IReadOnlyList<ResultsUpdate> due)
    {
        json.WriteStartObject();
        json.WriteNumber("seq", e.Seq);
        json.WriteString("type", e.Type);
        json.WriteString("at", e.At);
        json.WriteNumber("offset_ms", startedAt is { } start ? Milliseconds(e.At - start) : 0);
        json.WritePropertyName("data");
        // What the host's stream carries (v1, unslimmed): anonymous responses without their author.
        EventRedaction.Redact(e, Audience.Host).WriteTo(json);
        if (due.Count > 0)
        {
            json.WritePropertyName("results");
            JsonSerializer.Serialize(json, due, HubJson);
        }
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTime? value)
    {
        if (value is { } at) json.WriteString(name, at);
        else json.WriteNull(name);
    }

    private static long Milliseconds(TimeSpan span) => (long)Math.Round(span.TotalMilliseconds);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(RecordingDocument), ["application/json"]));
}
