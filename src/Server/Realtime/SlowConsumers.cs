using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Server.Realtime;

/// <summary>
/// How many writes wait on each hub connection (written without awaiting, see
/// <see cref="StreamDelivery"/>). SignalR queues writes on a connection whose transport buffer
/// (64 KB) is full, without limit; this count lets the stream close a client that stopped
/// reading before what waits for it grows without bound. Kept beside the connection (weakly), so
/// every session stream a connection follows adds to the same count.
/// </summary>
internal static class SlowConsumers
{
    private static readonly ConditionalWeakTable<HubConnectionContext, Backlog> Backlogs = new();

    public static Backlog Queued(HubConnectionContext connection) => Backlogs.GetOrCreateValue(connection);

    internal sealed class Backlog
    {
        private int _queued;
        private int _closed;

        /// <summary>One more write waits; returns how many do.</summary>
        public int Add() => Interlocked.Increment(ref _queued);

        public void Done() => Interlocked.Decrement(ref _queued);

        /// <summary>True the first time only: the connection is closed once, and logged once.</summary>
        public bool Close() => Interlocked.Exchange(ref _closed, 1) == 0;
    }
}
