using System.Text.Json;
using Conflicto.Data.Responses;

namespace Conflicto.Processing.Results;

/// <summary>How often each word was given, case-insensitively. A response is <c>{"word": "..."}</c> or <c>{"words": [...]}</c>.</summary>
public sealed class WordCloudResults(JsonElement configuration) : IResultsAggregator
{
    private readonly Dictionary<string, WordCount> _words = new(StringComparer.OrdinalIgnoreCase);
    private int _total;

    public void Add(ResponseRow response)
    {
        foreach (var word in Words(response.ResponseData))
        {
            _words[word] = _words.TryGetValue(word, out var c) ? c with { Count = c.Count + 1 } : new WordCount(word, 1);
            _total++;
        }
    }

    public void Remove(ResponseRow response)
    {
        foreach (var word in Words(response.ResponseData))
        {
            if (!_words.TryGetValue(word, out var c)) continue;
            if (c.Count <= 1) _words.Remove(word); else _words[word] = c with { Count = c.Count - 1 };
            _total--;
        }
    }

    public object Snapshot() => new WordCloudSnapshot(
        ResponseData.String(configuration, "prompt"),
        _words.Values.OrderByDescending(w => w.Count).ThenBy(w => w.Text, StringComparer.OrdinalIgnoreCase).ToList(),
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
