using System.Text.Json;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;

namespace Conflicto.Processing.Results;

/// <summary>
/// How often each word was given. A response is <c>{"word": "..."}</c> or <c>{"words": [...]}</c>.
/// Our fields count words case-insensitively and show the most common spelling; the legacy
/// <c>word_cloud_results</c> fields beside them count the legacy normal form (<see cref="LegacyWords"/>).
/// </summary>
public sealed class WordCloudResults(JsonElement configuration) : IResultsAggregator
{
    private const int CloudSize = 50;
    private const int MostCommon = 10;

    // word (case-insensitive) -> spelling -> count. The shown spelling is the most common one, so
    // it depends only on the responses present, not on which arrived first (Remove would else
    // leave a spelling that no remaining response uses).
    private readonly Dictionary<string, Dictionary<string, int>> _words = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _legacy = new(StringComparer.Ordinal);
    private readonly bool _caseSensitive = ConfigKeys.CaseSensitive(configuration);
    private readonly NewestUpdate _newest = new();
    private int _total;
    private int _submissions;

    public void Add(ResponseRow response)
    {
        var words = Words(response.ResponseData);
        foreach (var word in words)
        {
            if (!_words.TryGetValue(word, out var spellings)) _words[word] = spellings = new Dictionary<string, int>(StringComparer.Ordinal);
            spellings[word] = spellings.GetValueOrDefault(word) + 1;
            _total++;
            if (LegacyWords.Normalize(word, _caseSensitive) is { Length: > 0 } normal) _legacy[normal] = _legacy.GetValueOrDefault(normal) + 1;
        }
        if (words.Count == 0) return;
        _submissions++;
        _newest.Add(response.UpdatedAt);
    }

    public void Remove(ResponseRow response)
    {
        var removed = false;
        foreach (var word in Words(response.ResponseData))
        {
            if (!_words.TryGetValue(word, out var spellings) || !spellings.TryGetValue(word, out var count)) continue;
            removed = true;
            if (count <= 1) spellings.Remove(word); else spellings[word] = count - 1;
            if (spellings.Count == 0) _words.Remove(word);
            _total--;
            if (LegacyWords.Normalize(word, _caseSensitive) is { Length: > 0 } normal && _legacy.TryGetValue(normal, out var n))
            {
                if (n <= 1) _legacy.Remove(normal); else _legacy[normal] = n - 1;
            }
        }
        if (!removed) return; // never added: nothing to take back
        _submissions--;
        _newest.Remove(response.UpdatedAt);
    }

    public object Snapshot()
    {
        var ours = _words.Values.Select(spellings => new WordCount(
                spellings.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key,
                spellings.Values.Sum()))
            .OrderByDescending(w => w.Count).ThenBy(w => w.Text, StringComparer.OrdinalIgnoreCase).ToList();

        var legacyTotal = _legacy.Values.Sum();
        var ranked = _legacy.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var top = ranked.Count == 0 ? 0 : ranked[0].Value;
        var cloud = ranked.Take(CloudSize).Select(kv => new CloudWord(kv.Key, kv.Value,
            // 10 to 100, relative to the most frequent word.
            (int)Math.Round(10 + 90.0 * kv.Value / top, MidpointRounding.AwayFromZero),
            Math.Round(100.0 * kv.Value / legacyTotal, 1, MidpointRounding.AwayFromZero))).ToList();

        return new WordCloudSnapshot(ResponseData.String(configuration, "prompt"), ours, _total, _words.Count,
            LegacyResultTypes.WordCloud, cloud, ranked.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            cloud.Take(MostCommon).ToList(), _legacy.Count, legacyTotal, _submissions,
            ConfigKeys.ShowLiveResults(configuration), ConfigKeys.AllowsPhrases(configuration), _newest.Value);
    }

    /// <summary>The normalised words of a response (trimmed, inner whitespace collapsed, empties dropped).</summary>
    public static IReadOnlyList<string> Words(JsonElement data)
    {
        var raw = ResponseData.Array(data, "words") is { } array
            ? array.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.String).Select(w => w.GetString()!)
            : ResponseData.String(data, "word") is { } single ? [single] : [];
        return raw.Select(w => string.Join(' ', w.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(w => w.Length > 0).ToList();
    }
}

public sealed record WordCount(string Text, int Count);

/// <summary>One word of the legacy <c>word_cloud_data</c>: <c>size</c> 10–100 relative to the most frequent, <c>percentage</c> of all words.</summary>
public sealed record CloudWord(string Word, int Frequency, int Size, double Percentage);

/// <summary>Our fields first; from <paramref name="Type"/> on, the legacy <c>word_cloud_results</c> fields.</summary>
public sealed record WordCloudSnapshot(
    string? Prompt, IReadOnlyList<WordCount> Words, int TotalWords, int UniqueWords,
    string Type, IReadOnlyList<CloudWord> WordCloudData, IReadOnlyDictionary<string, int> WordFrequencies, IReadOnlyList<CloudWord> MostCommonWords,
    int UniqueWordCount, int TotalWordSubmissions, int ParticipantCount, bool ShowLiveResults, bool AllowPhrases, DateTime? LastUpdated);
