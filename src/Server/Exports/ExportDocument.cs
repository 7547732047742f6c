using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace Conflicto.Server.Exports;

/// <summary>
/// What a JSON export is (<see cref="JsonExportWriter"/> writes it as it reads; these records
/// describe it for the API document). Times are UTC ISO 8601 with milliseconds.
/// </summary>
public sealed record ExportDocument(ExportedSession Session, string ExportedAt, IReadOnlyList<ExportedActivityDocument> Activities);

public sealed record ExportedSession(int Id, string Title, string Status, string? StartedAt, string? CompletedAt, int ParticipantCount);

/// <param name="Anonymous">The activity is anonymous: its responses name no participant, its results no person.</param>
/// <param name="Results">As <c>GET /api/v1/activities/{id}/results</c> computes them (shaped per activity type).</param>
/// <param name="Leaderboard">Quizzes only: every player's standing over the revealed questions, as <c>GET /api/v1/activities/{id}/leaderboard</c> ranks them; empty for an anonymous quiz.</param>
public sealed record ExportedActivityDocument(
    Guid Id, string ActivityType, string Title, string State, bool Anonymous, string? StartedAt, string? CompletedAt,
    JsonElement Configuration, JsonElement Results, IReadOnlyList<ExportedScoreDocument>? Leaderboard, IReadOnlyList<ExportedResponseDocument> Responses);

/// <summary>One player of a quiz: the leaderboard route's fields, and how many revealed questions they answered.</summary>
public sealed record ExportedScoreDocument(int Rank, int ParticipantId, string Nickname, int Score, int CorrectAnswers, int Streak, int Answered);

/// <param name="ParticipantId">Null for an anonymous response.</param>
/// <param name="Nickname">Null for an anonymous response.</param>
/// <param name="Answer">The answer as one readable text (a poll's option texts, a question's text...).</param>
/// <param name="Moderation">The host's decision (approve / reject) when there is one, else the enricher's verdict; null when neither.</param>
/// <param name="ResponseData">The response as it was submitted.</param>
public sealed record ExportedResponseDocument(
    Guid Id, int? ParticipantId, string? Nickname, bool Anonymous, string SubmittedAt, string UpdatedAt, string Answer, string? Moderation, JsonElement ResponseData);

/// <summary>The export an <c>export</c> route answers with, in the format asked for.</summary>
public sealed class ExportFile(IResult writer) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext http) => writer.ExecuteAsync(http);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ExportDocument), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/csv"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(byte[]), [XlsxExportWriter.ContentType]));
    }
}
