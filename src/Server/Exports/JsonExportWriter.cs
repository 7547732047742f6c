using System.Text.Json;
using Conflicto.Processing.Quiz;

namespace Conflicto.Server.Exports;

/// <summary>
/// Writes an export as one JSON document (<see cref="ExportDocument"/>), flushing as it reads: the
/// session, then each activity with its results and its responses, one per response row.
/// A failure once the first bytes are out aborts the response (a truncated document, never a short one that parses).
/// </summary>
public sealed class JsonExportWriter(ExportSource source, string fileName, TimeProvider clock) : IResult
{
    private const int FlushAtBytes = 32 * 1024;

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        ExportNames.SetAttachment(http.Response, fileName);
        var body = http.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long sent = 0;

        var session = source.Session;
        json.WriteStartObject();
        json.WriteStartObject("session");
        json.WriteNumber("id", session.Id);
        json.WriteString("title", session.Title);
        json.WriteString("status", session.Status);
        WriteTime(json, "started_at", session.StartedAt);
        WriteTime(json, "completed_at", session.CompletedAt);
        json.WriteNumber("participant_count", session.ParticipantCount);
        json.WriteEndObject();
        json.WriteString("exported_at", ExportSource.Time(clock.GetUtcNow().UtcDateTime));
        json.WriteStartArray("activities");
        foreach (var row in source.Activities)
        {
            var activity = await source.ReadActivityAsync(row, ct);
            var a = activity.Activity;
            json.WriteStartObject();
            json.WriteString("id", a.Id);
            json.WriteString("activity_type", a.ActivityType);
            json.WriteString("title", a.Title);
            json.WriteString("state", a.State);
            json.WriteBoolean("anonymous", activity.Anonymous);
            WriteTime(json, "started_at", a.StartedAt);
            WriteTime(json, "completed_at", a.CompletedAt);
            json.WritePropertyName("configuration");
            a.Configuration.WriteTo(json);
            json.WritePropertyName("results");
            activity.Results.WriteTo(json);
            if (source.IsQuiz(row)) WriteLeaderboard(json, await source.ScoresAsync(row, ct));
            json.WriteStartArray("responses");
            await foreach (var r in source.ResponsesAsync(activity, ct))
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                if (r.ParticipantId is { } id) json.WriteNumber("participant_id", id); else json.WriteNull("participant_id");
                json.WriteString("nickname", r.Nickname);
                json.WriteBoolean("anonymous", r.Anonymous);
                json.WriteString("submitted_at", ExportSource.Time(r.CreatedAt));
                json.WriteString("updated_at", ExportSource.Time(r.UpdatedAt));
                json.WriteString("answer", AnswerText.Of(a, r.ResponseData));
                json.WriteString("moderation", ExportSource.Moderation(r));
                json.WritePropertyName("response_data");
                r.ResponseData.WriteTo(json);
                json.WriteEndObject();
                if (json.BytesCommitted + json.BytesPending - sent >= FlushAtBytes)
                {
                    json.Flush();
                    await body.FlushAsync(ct);
                    sent = json.BytesCommitted;
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await body.FlushAsync(ct);
    }

    /// <summary>The fields of the leaderboard route's entries, with every player and how many questions each answered.</summary>
    private static void WriteLeaderboard(Utf8JsonWriter json, IReadOnlyList<QuizStanding> standings)
    {
        json.WriteStartArray("leaderboard");
        foreach (var s in standings)
        {
            json.WriteStartObject();
            json.WriteNumber("rank", s.Rank);
            json.WriteNumber("participant_id", s.ParticipantId);
            json.WriteString("nickname", s.Nickname);
            json.WriteNumber("score", s.Score);
            json.WriteNumber("correct_answers", s.CorrectAnswers);
            json.WriteNumber("streak", s.Streak);
            json.WriteNumber("answered", s.Answered);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTime? value)
    {
        if (value is { } at) json.WriteString(name, ExportSource.Time(at));
        else json.WriteNull(name);
    }
}
