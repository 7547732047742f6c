using System.Text.Json;
using Conflicto.Data.Responses;

namespace Conflicto.Processing.Results;

/// <summary>How often each word was given, case-insensitively. A response is <c>{"word": "..."}</c> or <c>{"words": [...]}</c>.</summary>
public sealed class WordCloudResults(JsonElement configuration) : IResultsAggregator
{
    // word (case-insensitive) -> spelling -> count. The shown spelling is the most common one, so
    // it depends only on the responses present, not on which arrived first (Remove would else
    // leave a spelling that no remaining response uses).
    private readonly Dictionary<string, Dictionary<string, int>> _words = new(StringComparer.OrdinalIgnoreCase);
    private int _total;

    public void Add(ResponseRow response)
    {
        foreach (var word in Words(response.ResponseData))
        {
            if (!_words.TryGetValue(word, out var spellings)) _words[word] = spellings = new Dictionary<string, int>(StringComparer.Ordinal);
            spellings[word] = spellings.GetValueOrDefault(word) + 1;
            _total++;
        }
    }

    public void Remove(ResponseRow response)
    {
        foreach (var word in Words(response.ResponseData))
        {
            if (!_words.TryGetValue(word, out var spellings) || !spellings.TryGetValue(word, out var count)) continue;
            if (count <= 1) spellings.Remove(word); else spellings[word] = count - 1;
            if (spellings.Count == 0) _words.Remove(word);
            _total--;
        }
    }

    public object Snapshot() => new WordCloudSnapshot(
        ResponseData.String(configuration, "prompt"),
        _words.Values.Select(spellings => new WordCount(
                spellings.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key,
                spellings.Values.Sum()))
            .OrderByDescending(w => w.Count).ThenBy(w => w.Text, StringComparer.OrdinalIgnoreCase).ToList(),
        _total, _words.Count);

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

public sealed record WordCloudSnapshot(string? Prompt, IReadOnlyList<WordCount> Words, int TotalWords, int UniqueWords);
