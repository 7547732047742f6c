using System.Text.Json.Nodes;

namespace Conflicto.Load.Scenarios.Classroom;

/// <summary>
/// What the participants sent to one activity, counted client-side, and the comparison with the
/// server's results document (GET /api/v1/activities/{id}/results, docs/api.md "Known types").
/// </summary>
public sealed class Tally(string activityType)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public string ActivityType => activityType;

    /// <summary>Responses stored (replays excluded): what the results' response count must say.</summary>
    public int Responses { get; private set; }

    public void Add(string key)
    {
        lock (_counts)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            Responses++;
        }
    }

    /// <summary>A Q&amp;A question counts as a response with 0 upvotes until voted for.</summary>
    public void AddQuestion(string id)
    {
        lock (_counts)
        {
            _counts.TryAdd(id, 0);
            Responses++;
        }
    }

    /// <summary>Differences between the tally and the results document; empty when they agree.</summary>
    public IReadOnlyList<string> Compare(JsonNode results)
    {
        var actual = activityType switch
        {
            "poll" => results["options"]!.AsArray().ToDictionary(o => o!["index"]!.ToString(), o => o!["votes"]!.GetValue<int>()),
            "word_cloud" => results["words"]!.AsArray().ToDictionary(w => w!["text"]!.ToString(), w => w!["count"]!.GetValue<int>()),
            "qa" => results["questions"]!.AsArray().ToDictionary(q => q!["id"]!.ToString(), q => q!["upvotes"]!.GetValue<int>()),
            "planning_poker" => results["votes"]!.AsArray().ToDictionary(v => v!["value"]!.ToString(), v => v!["count"]!.GetValue<int>()),
            "quiz" => results["questions"]!.AsArray().ToDictionary(q => q!["question_index"]!.ToString(), q => q!["answers"]!.GetValue<int>()),
            _ => throw new InvalidOperationException($"no comparison for {activityType}"),
        };
        var diffs = new List<string>();
        lock (_counts)
        {
            foreach (var key in _counts.Keys.Union(actual.Keys))
            {
                var sent = _counts.GetValueOrDefault(key);
                var got = actual.GetValueOrDefault(key);
                if (sent != got) diffs.Add($"{activityType} '{key}': sent {sent}, results say {got}");
            }
        }
        return diffs;
    }
}
