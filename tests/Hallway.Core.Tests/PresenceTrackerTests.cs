using Hallway.Core.Presence;

namespace Hallway.Core.Tests;

public sealed class PresenceTrackerTests
{
    private readonly PresenceTracker _presence = new();

    [Fact]
    public void FirstConnection_MakesTheUserOnline()
    {
        Assert.False(_presence.IsOnline(1));
        Assert.True(_presence.Connected(1));
        Assert.True(_presence.IsOnline(1));
        Assert.Equal([1L], _presence.OnlineUsers());
    }

    [Fact]
    public void TwoConnections_OfflineOnlyAfterTheLast()
    {
        Assert.True(_presence.Connected(1));
        Assert.False(_presence.Connected(1)); // a second tab is not news

        Assert.False(_presence.Disconnected(1));
        Assert.True(_presence.IsOnline(1));

        Assert.True(_presence.Disconnected(1));
        Assert.False(_presence.IsOnline(1));
        Assert.Empty(_presence.OnlineUsers());
    }

    [Fact]
    public void Disconnected_WithoutConnection_IsNotATransition()
    {
        Assert.False(_presence.Disconnected(1));
        Assert.False(_presence.IsOnline(1));

        _presence.Connected(1);
        _presence.Disconnected(1);
        Assert.False(_presence.Disconnected(1)); // once more than connected
        Assert.True(_presence.Connected(1)); // and the count did not go negative
    }

    [Fact]
    public void Users_AreCountedSeparately()
    {
        _presence.Connected(1);
        _presence.Connected(2);
        _presence.Connected(2);

        Assert.True(_presence.Disconnected(1));
        Assert.Equal([2L], _presence.OnlineUsers());
        Assert.False(_presence.Disconnected(2));
        Assert.True(_presence.Disconnected(2));
        Assert.Empty(_presence.OnlineUsers());
    }

    [Fact]
    public async Task ConcurrentConnectsAndDisconnects_BalanceOut()
    {
        var onlineTransitions = 0;
        var offlineTransitions = 0;
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                if (_presence.Connected(7))
                {
                    Interlocked.Increment(ref onlineTransitions);
                }

                if (_presence.Disconnected(7))
                {
                    Interlocked.Increment(ref offlineTransitions);
                }
            }
        }));
        await Task.WhenAll(tasks);

        Assert.False(_presence.IsOnline(7));
        Assert.Equal(onlineTransitions, offlineTransitions);
        Assert.InRange(onlineTransitions, 1, 8000);
    }
}
