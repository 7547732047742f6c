using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Responses;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Responses;

/// <summary>Section <c>Ingest</c>: group commit of responses.</summary>
public sealed class IngestOptions
{
    /// <summary>Submissions waiting to be written; producers wait (not fail) when it is full.</summary>
    [Range(1, 1_000_000)]
    public int Capacity { get; set; } = 10_000;

    /// <summary>Most responses written in one transaction.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 256;

    /// <summary>Concurrent writers; each session is written by one of them, so sessions write in parallel and one session's batches never wait for each other.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 2;

    /// <summary>How long submissions may use an activity read from the database before reading it again (0: always read).</summary>
    [Range(0, 60_000)]
    public int ActivityCacheMs { get; set; } = 5_000;
}

/// <summary>
/// Group commit for responses: submissions queue in a bounded channel, writers take whatever has
/// queued up (no waiting to fill a batch: a lone submission goes alone at once), write each
/// session's share in one transaction, and only then complete each submitter's ack. Under load
/// batches grow by themselves, so a thousand participants answering at once do not serialise one
/// transaction each on the session's row.
/// Each writer has its own channel and a session's submissions always go to the same one: two
/// writers sharing a session would only take turns on its row lock, each with a smaller batch
/// (measured: a class of 50 answering at once wrote batches of one, each waiting ~26 ms for the
/// lock). With one writer per session, what arrives while a batch is being written becomes the
/// next batch. Different sessions still write in parallel.
/// </summary>
public sealed class ResponseIngest : BackgroundService
{
    private readonly Channel<Pending>[] _queues;
    private readonly ResponseBatchWriter _writer;
    private readonly DatabaseAvailability _database;
    private readonly ResponseMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly IOptions<IngestOptions> _options;
    private readonly ILogger<ResponseIngest> _logger;

    public ResponseIngest(ResponseBatchWriter writer, DatabaseAvailability database, ResponseMetrics metrics, TimeProvider time, IOptions<IngestOptions> options, ILogger<ResponseIngest> logger)
    {
        (_writer, _database, _metrics, _time, _options, _logger) = (writer, database, metrics, time, options, logger);
        _queues = Enumerable.Range(0, options.Value.Workers)
            .Select(_ => Channel.CreateBounded<Pending>(new BoundedChannelOptions(Math.Max(1, options.Value.Capacity / options.Value.Workers))
            {
                FullMode = BoundedChannelFullMode.Wait, SingleReader = true,
            }))
            .ToArray();
        metrics.Observe(() => _queues.Sum(queue => queue.Reader.Count));
    }

    public async Task<WriteResult<SubmittedResponse>> SubmitAsync(int sessionId, NewResponse response, CancellationToken ct)
    {
        var pending = new Pending(sessionId, response, new TaskCompletionSource<WriteResult<SubmittedResponse>>(TaskCreationOptions.RunContinuationsAsynchronously));
        await QueueOf(sessionId).Writer.WriteAsync(pending, ct);
        // Once queued the response will be written even if this caller goes away; a retry with the
        // same idempotency key then finds it.
        return await pending.Completion.Task.WaitAsync(ct);
    }

    private Channel<Pending> QueueOf(int sessionId) => _queues[(int)((uint)sessionId % (uint)_queues.Length)];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_queues.Select(queue => Task.Run(() => WorkAsync(queue.Reader), CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in _queues) queue.Writer.TryComplete(); // drain what is queued, accept nothing new
        await base.StopAsync(cancellationToken);
    }

    private async Task WorkAsync(ChannelReader<Pending> reader)
    {
        var batch = new List<Pending>(_options.Value.MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.Value.MaxBatch && reader.TryRead(out var item)) batch.Add(item);
            foreach (var group in batch.GroupBy(p => p.SessionId)) await WriteAsync(group.Key, group.ToList());
        }
    }

    private async Task WriteAsync(int sessionId, List<Pending> group)
    {
        var started = _time.GetTimestamp();
        try
        {
            // Not cancellable: acknowledged work must reach the database even during shutdown.
            var results = await _writer.SubmitAsync(sessionId, group.Select(p => p.Response).ToList(), CancellationToken.None);
            _metrics.Written(results, _time.GetElapsedTime(started));
            _database.ReportReachable();
            for (var i = 0; i < group.Count; i++) group[i].Completion.TrySetResult(results[i]);
        }
        catch (Exception ex) when (_database.ReportFailure(ex))
        {
            // Nothing was stored: each waiting caller gets the outage (503) and retries with its idempotency key.
            foreach (var pending in group) pending.Completion.TrySetException(ex);
        }
        catch (Exception ex)
        {
            _metrics.Failed(group.Count, _time.GetElapsedTime(started));
            _logger.LogError(ex, "Writing {Count} response(s) of session {SessionId} failed; none was stored", group.Count, sessionId);
            foreach (var pending in group) pending.Completion.TrySetException(ex);
        }
    }

    private sealed record Pending(int SessionId, NewResponse Response, TaskCompletionSource<WriteResult<SubmittedResponse>> Completion);
}
