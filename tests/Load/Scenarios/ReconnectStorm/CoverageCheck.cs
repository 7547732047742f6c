using Conflicto.Load.Clients;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>
/// Events missed, checked as sets: every client (dropped or not) must hold each seq of
/// 1..<c>final</c>, the session's last seq read after the host stopped, either from its first
/// snapshot or as an applied event. Also no live gaps and no event applied twice.
/// </summary>
public static class CoverageCheck
{
    public static void Record(ScenarioContext ctx, IReadOnlyList<(string Name, LoadHubClient Client)> clients, long final)
    {
        long missed = 0;
        var examples = new List<string>();
        foreach (var (name, client) in clients)
        {
            var holes = client.HolesUpTo(final);
            if (holes.Count == 0) continue;
            missed += holes.Sum(h => h.To - h.From + 1);
            if (examples.Count < 5) examples.Add($"{name}: {string.Join(", ", holes.Take(3).Select(h => h.From == h.To ? $"{h.From}" : $"{h.From}–{h.To}"))}");
        }
        var holders = clients.Count(c => c.Client.HolesUpTo(final).Count > 0);
        ctx.Figure("events missed", missed, "");
        ctx.Check("0 events missed", missed == 0,
            missed == 0 ? $"{clients.Count} clients hold every seq of 1..{final}"
                : $"{missed} seqs missing at {holders} of {clients.Count} clients (1..{final}); e.g. {string.Join("; ", examples)}");

        var gaps = clients.Sum(c => c.Client.Gaps);
        var repeats = clients.Sum(c => c.Client.RepeatedSeqs);
        ctx.Check("seq order kept", gaps == 0 && repeats == 0, $"{gaps} live gaps, {repeats} events applied twice");
    }
}
