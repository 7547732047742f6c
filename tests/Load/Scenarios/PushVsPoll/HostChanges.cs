using System.Diagnostics;
using Conflicto.Load.Clients;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// The host moves the session on at a fixed rate: change k (at k / rate on the phase clock) makes
/// the next published activity active over the hub, which makes it the session's
/// <c>current_activity_id</c> (the most recently started active activity). One event per
/// change, and a change every follower must see: the question everyone is asked now. Earlier
/// activities stay active: closing them would be a second event per change, and the status
/// shows the newest either way. The host waits for each call before the next (a presenter
/// clicking "next"); its calls are the same in both phases and are not counted as follower requests.
/// </summary>
public sealed class HostChanges(ScenarioContext ctx, LoadHubClient host, Queue<Guid> published, double rate)
{
    public async Task RunAsync(string phase, PhaseWindow window, ChangeBook book, CancellationToken ct)
    {
        for (var k = 1; ; k++)
        {
            var due = TimeSpan.FromSeconds(k / rate);
            if (due >= window.End) return;
            await window.DelayUntilAsync(due, ct);
            if (!published.TryDequeue(out var activity)) throw new InvalidOperationException("the pool of published activities ran out");
            book.Announce(activity, k);
            var start = Stopwatch.GetTimestamp();
            try
            {
                // keepOthersOpen: one change is one event (opening would otherwise also close the previous activity).
                var seq = await ctx.TimeAsync($"{phase}.host.change",
                    () => host.Connection.InvokeAsync<long>("TransitionActivity", activity, "active", false, true, ct));
                book.Made(new Change(k, activity, seq, start, window.Covers(due)));
            }
            catch (Exception) when (!ct.IsCancellationRequested) { /* recorded by TimeAsync; that change was not made */ }
        }
    }
}
