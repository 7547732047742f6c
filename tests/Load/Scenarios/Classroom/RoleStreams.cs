using Conflicto.Load.Clients;

namespace Conflicto.Load.Scenarios.Classroom;

/// <summary>
/// The "zero gaps for every role" check. Host and viewer see every event, so each must reach the
/// session's last seq. A participant's v2 stream skips other participants' events (and the
/// session's last event may be one of them), so it must reach the last event every role sees
/// (the host's last change) and hold no hole below its own last seq: every seq it skipped was
/// declared skipped by a <c>prevSeq</c>. In v1 participants see everything, like the host.
/// </summary>
public static class RoleStreams
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public static async Task RecordAsync(ScenarioContext ctx, Classroom room, long sessionLastSeq)
    {
        var v2 = ctx.Options.Hub.StreamVersion >= 2;
        var roles = new List<(string Role, IReadOnlyList<LoadHubClient> Clients, long Target)>
        {
            ("host", [room.Host], sessionLastSeq),
            ("viewer", [room.Viewer], sessionLastSeq),
            ("participant", room.Participants, v2 ? room.LastBroadcastSeq : sessionLastSeq),
        };
        await Task.WhenAll(roles.SelectMany(r => r.Clients.Select(c => c.WaitForSeqAsync(r.Target, DrainTimeout))));

        var lines = new List<string>();
        var failed = false;
        foreach (var (role, clients, target) in roles)
        {
            var gaps = clients.Sum(c => c.Gaps);
            var behind = clients.Count(c => c.LastSeq < target);
            var holes = clients.Sum(c => c.HolesUpTo(c.LastSeq).Sum(h => h.To - h.From + 1));
            var rejoinErrors = clients.SelectMany(c => c.RejoinErrors).ToList();
            failed |= gaps > 0 || behind > 0 || holes > 0 || rejoinErrors.Count > 0;
            var messages = clients.Sum(c => c.MessagesReceived);
            var deliveries = clients.Sum(c => c.DeliveriesReceived);
            lines.Add($"{role}s: {clients.Count}, {gaps} gaps, {behind} behind seq {target}, {holes} seqs missing"
                      + (rejoinErrors.Count > 0 ? $", re-join errors: {string.Join("; ", rejoinErrors.Take(3))}" : "")
                      + $" ({deliveries} deliveries in {messages} messages)");
            ctx.Figure($"{role} deliveries per message", messages == 0 ? 0 : deliveries / (double)messages, "");
        }
        ctx.Check("seq-complete streams, every role", !failed, $"session last_seq {sessionLastSeq}, stream version {ctx.Options.Hub.StreamVersion}: {string.Join("; ", lines)}");
    }
}
