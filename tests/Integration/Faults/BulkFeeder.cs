using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// A second open activity (a free-form type) that a few participants answer over REST with large
/// texts (8 KB) ten times a second each, until stopped: traffic that fills a stalled client's
/// buffers in seconds. Returns the activity and how many answers were acknowledged.
/// </summary>
public static class BulkFeeder
{
    public sealed record Fed(Guid ActivityId, int Count);

    public static async Task<Task<Fed>> StartAsync(FaultLoad load, CancellationToken stop, int feeders = 4)
    {
        var activity = await load.Api.CreateActiveActivityAsync(load.Session, "feedback", new { prompt = "Tell us" }, keepOthersOpen: true);
        var people = new List<Api.Participant>();
        for (var i = 0; i < feeders; i++) people.Add(await load.Api.JoinAsync(load.Session, $"Feeder {i}"));
        var text = new string('x', 8 * 1024);
        var acked = 0;
        var loops = people.Select(person => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await load.Api.SubmitAsync(person, activity, new { text }, $"bulk-{person.Id}-{i}");
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                Interlocked.Increment(ref acked);
                await Task.Delay(100, CancellationToken.None);
            }
        })).ToList();
        return Task.Run(async () =>
        {
            await Task.WhenAll(loops);
            return new Fed(activity, acked);
        });
    }
}
