using System.Text.Json;

namespace Conflicto.Data.Exports;

/// <summary>
/// One response as an export shows it. An anonymous response (its recorded flag, or an activity
/// configured anonymous now) comes out of the database with no participant id and no nickname:
/// the export never holds what would tie it to a person.
/// </summary>
public sealed record ExportedResponse
{
    public Guid Id { get; init; }
    public Guid ActivityId { get; init; }
    public int? ParticipantId { get; init; }
    public string? Nickname { get; init; }
    public bool Anonymous { get; init; }
    public JsonElement ResponseData { get; init; }
    public string? ModerationVerdict { get; init; }
    public string? ModerationOverride { get; init; }
    public bool Pinned { get; init; }
    public bool Answered { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
