using System.Collections.Concurrent;
using Conflicto.Data.Events;
using Conflicto.Data.Quiz;
using Conflicto.Processing.Quiz;

namespace Conflicto.Server.Quiz;

/// <summary>
/// Per node: one <see cref="QuizBoard"/> (a quiz's answers, its session's players, the standings
/// per run version) per quiz, so that joins and reconnects mid-quiz read and score the room once
/// instead of once each (a reconnect storm was O(room²)). A board holds every change up to the seq
/// read before it; a reader that needs a newer one — the seq of the snapshot it serves, or the
/// newest seq this node has seen committed here or announced by another node (the event path,
/// <see cref="ISessionEventObserver"/>) — loads it again. Every answer, removal, join, leave and
/// host action commits an event, so any change to the standings moves the seq. Concurrent readers
/// share one load. The store is resolved on first use: it depends (through the session units) on
/// the observers, this one included. Boards of quizzes nobody reads stay until the cache holds
/// <see cref="MaxBoards"/>, then it starts over.
/// </summary>
public sealed class QuizStandingsCache(IServiceProvider services) : ISessionEventObserver
{
    public const int MaxBoards = 1024;
    private readonly ConcurrentDictionary<int, long> _known = new();
    private readonly Dictionary<Guid, Task<QuizBoard>> _boards = [];
    private readonly Lock _gate = new();
    private long _loads;

    /// <summary>Boards read from the database since start (for tests and measurements).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    public void OnCommitted(IReadOnlyList<SessionEvent> events)
    {
        foreach (var group in events.GroupBy(e => e.SessionId))
        {
            var seq = group.Max(e => e.Seq);
            _known.AddOrUpdate(group.Key, seq, (_, old) => Math.Max(old, seq));
        }
    }

    /// <summary>The board of a quiz holding at least every change up to <paramref name="atLeastSeq"/> and up to the newest seq this node knows of.</summary>
    public async Task<QuizBoard> GetAsync(Guid activityId, int sessionId, long atLeastSeq, CancellationToken ct)
    {
        var needed = Math.Max(atLeastSeq, _known.GetValueOrDefault(sessionId));
        // A load started after `needed` was known reads a seq at least as new, so the second pass always holds.
        for (var pass = 0; pass < 3; pass++)
        {
            Task<QuizBoard> board;
            lock (_gate)
            {
                if (!_boards.TryGetValue(activityId, out board!) || Stale(board, needed))
                {
                    if (_boards.Count >= MaxBoards) _boards.Clear();
                    _boards[activityId] = board = LoadAsync(activityId, sessionId);
                }
            }
            var loaded = await board.WaitAsync(ct);
            if (loaded.Seq >= needed) return loaded;
        }
        return await LoadAsync(activityId, sessionId).WaitAsync(ct);
    }

    /// <summary>A board read now, bypassing the cache (Quiz:StandingsCache false).</summary>
    public Task<QuizBoard> LoadFreshAsync(Guid activityId, int sessionId, CancellationToken ct) => LoadAsync(activityId, sessionId).WaitAsync(ct);

    private static bool Stale(Task<QuizBoard> board, long needed) =>
        board.IsFaulted || board.IsCanceled || (board.IsCompletedSuccessfully && board.Result.Seq < needed);

    /// <summary>Not tied to one reader's cancellation: other readers may be waiting on it.</summary>
    private async Task<QuizBoard> LoadAsync(Guid activityId, int sessionId)
    {
        Interlocked.Increment(ref _loads);
        var store = services.GetRequiredService<QuizStore>();
        var (seq, answers, players) = await store.StandingsInputWithSeqAsync(activityId, sessionId, CancellationToken.None);
        return new QuizBoard(answers, players, seq);
    }
}
