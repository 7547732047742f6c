using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Data.Activities;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Responses;

namespace Conflicto.Tests.Unit.Processing;

/// <summary>Builds the storage rows that activity-type rules and result aggregators read.</summary>
internal static class TestRows
{
    public static readonly DateTime Start = new(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);

    public static ActivityRow Activity(string type, string configuration) => new()
    {
        Id = Guid.NewGuid(),
        SessionId = 1,
        ActivityType = type,
        Configuration = Json.Parse(configuration),
        ActivityMetadata = Json.EmptyObject,
        State = ActivityStates.Active,
        Status = LegacyStatuses.Active,
    };

    public static ResponseRow Response(string data, int participantId = 1, int second = 0, Guid? id = null) =>
        Response(Json.Parse(data), participantId, second, id);

    public static ResponseRow Response(JsonElement data, int participantId = 1, int second = 0, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        SessionId = 1,
        ActivityId = Guid.Empty,
        ParticipantId = participantId,
        ResponseData = data,
        CreatedAt = Start.AddSeconds(second),
        UpdatedAt = Start.AddSeconds(second),
    };

    /// <summary>The snapshot as the API would send it, so tests compare what clients see.</summary>
    public static string Serialize(object snapshot) => Json.Serialize(snapshot);

    /// <summary>
    /// The serialized snapshot with object members sorted by name: JSON objects are unordered, and
    /// a dictionary's enumeration order depends on its history, not only on its contents.
    /// </summary>
    public static string Canonical(object snapshot) => Sort(JsonNode.Parse(Serialize(snapshot)))?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };
}
