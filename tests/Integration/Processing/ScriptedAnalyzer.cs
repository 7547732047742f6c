using System.Collections.Concurrent;
using Conflicto.Processing.Analysis;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>
/// A test double of an external model: for activities with chosen titles it fails a number of
/// times, or hangs until released (or until its attempt is cancelled); every other call, and
/// every call once healed, answers like the rule-based analyzer.
/// </summary>
public sealed class ScriptedAnalyzer : IActivityAnalyzer
{
    public const string Failure = "Model unavailable (test double)";

    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public string Name => "scripted";

    public void FailFor(string title, int times = int.MaxValue) => _failuresLeft[title] = times;

    public void Heal(string title) => _failuresLeft.TryRemove(title, out _);

    /// <summary>Calls for this title wait until <see cref="Release"/> (or their cancellation).</summary>
    public void HoldFor(string title) => _holds[title] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Like <see cref="HoldFor"/>, released when the handle is disposed at the latest, so a failing test leaves no worker stuck.</summary>
    public IDisposable Hold(string title)
    {
        HoldFor(title);
        return new Releaser(() => Release(title));
    }

    public void Release(string title)
    {
        if (_holds.TryRemove(title, out var hold)) hold.TrySetResult();
    }

    public int Calls(string title) => _calls.GetValueOrDefault(title);

    public async Task<SchemaRender> AnalyzeAsync(ActivityAnalysisInput input, CancellationToken ct)
    {
        _calls.AddOrUpdate(input.Title, 1, (_, n) => n + 1);
        if (_holds.TryGetValue(input.Title, out var hold)) await hold.Task.WaitAsync(ct);
        if (TakeFailure(input.Title)) throw new InvalidOperationException($"{Failure} for '{input.Title}'.");
        return RuleBasedAnalyzer.Analyze(input);
    }

    private bool TakeFailure(string title)
    {
        while (_failuresLeft.TryGetValue(title, out var left) && left > 0)
        {
            if (_failuresLeft.TryUpdate(title, left == int.MaxValue ? left : left - 1, left)) return true;
        }
        return false;
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
