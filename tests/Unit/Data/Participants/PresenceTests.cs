using Conflicto.Data.Participants;

namespace Conflicto.Tests.Unit.Data.Participants;

public class PresenceTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, Presence.Online)]
    [InlineData(1, Presence.Online)]
    [InlineData(29_999, Presence.Online)]
    [InlineData(30_000, Presence.Idle)]
    [InlineData(30_001, Presence.Idle)]
    [InlineData(119_999, Presence.Idle)]
    [InlineData(120_000, Presence.Disconnected)]
    [InlineData(120_001, Presence.Disconnected)]
    [InlineData(86_400_000, Presence.Disconnected)]
    public void Of_SilenceInMilliseconds_FallsInTheRightWindow(int silenceMs, string expected)
    {
        Assert.Equal(expected, Presence.Of(Now.AddMilliseconds(-silenceMs), Now));
    }

    [Fact]
    public void Of_OneTickBeforeThirtySeconds_IsOnline()
    {
        Assert.Equal(Presence.Online, Presence.Of(Now - Presence.OnlineWindow + TimeSpan.FromTicks(1), Now));
    }

    [Fact]
    public void Of_OneTickBeforeTwoMinutes_IsIdle()
    {
        Assert.Equal(Presence.Idle, Presence.Of(Now - Presence.IdleWindow + TimeSpan.FromTicks(1), Now));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3_600)]
    public void Of_LastSeenInTheFuture_IsOnline(int secondsAhead)
    {
        // Clock skew between nodes can put last_seen slightly ahead of "now".
        Assert.Equal(Presence.Online, Presence.Of(Now.AddSeconds(secondsAhead), Now));
    }

    [Fact]
    public void Windows_AreThirtyAndOneHundredTwentySeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Presence.OnlineWindow);
        Assert.Equal(TimeSpan.FromSeconds(120), Presence.IdleWindow);
    }
}
