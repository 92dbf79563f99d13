using Hallway.Core.Presence;

namespace Hallway.Core.Tests;

public sealed class TypingTrackerTests
{
    private const long Chat = 10;
    private const long OtherChat = 11;
    private const long Alice = 1;
    private const long Bob = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new();
    private readonly TypingTracker _typing;

    public TypingTrackerTests() => _typing = new TypingTracker(_time, Timeout);

    [Fact]
    public void Start_FirstSignal_IsBroadcastAndListed()
    {
        Assert.True(_typing.Start(Chat, Alice));
        Assert.Equal([Alice], _typing.Typing(Chat));
    }

    [Fact]
    public void Typing_ExpiresAfterTheTimeout()
    {
        _typing.Start(Chat, Alice);

        _time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal([Alice], _typing.Typing(Chat));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(_typing.Typing(Chat));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(2500)] // exactly half the timeout: still inside
    public void Start_RenewalInsideHalfTheTimeout_IsNotBroadcast(int afterMs)
    {
        _typing.Start(Chat, Alice);
        _time.Advance(TimeSpan.FromMilliseconds(afterMs));

        Assert.False(_typing.Start(Chat, Alice));
        Assert.Equal([Alice], _typing.Typing(Chat));
    }

    [Theory]
    [InlineData(2501)]
    [InlineData(4999)]
    public void Start_RenewalPastHalfTheTimeout_IsBroadcastAndExtends(int afterMs)
    {
        _typing.Start(Chat, Alice);
        _time.Advance(TimeSpan.FromMilliseconds(afterMs));

        Assert.True(_typing.Start(Chat, Alice));

        // The renewal counts a full timeout from now.
        _time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal([Alice], _typing.Typing(Chat));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(_typing.Typing(Chat));
    }

    [Fact]
    public void Start_AfterExpiry_IsBroadcastAgain()
    {
        _typing.Start(Chat, Alice);
        _time.Advance(Timeout);

        Assert.True(_typing.Start(Chat, Alice));
        Assert.Equal([Alice], _typing.Typing(Chat));
    }

    [Fact]
    public void ContinuousTyping_IsBroadcastOncePerHalfTimeout()
    {
        var broadcasts = 0;
        for (var i = 0; i < 100; i++)
        {
            // A keystroke every 100 ms for 10 seconds.
            if (_typing.Start(Chat, Alice))
            {
                broadcasts++;
            }

            Assert.Equal([Alice], _typing.Typing(Chat));
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.InRange(broadcasts, 3, 5);
    }

    [Fact]
    public void Stop_WhileTyping_ReturnsTrueAndClears()
    {
        _typing.Start(Chat, Alice);

        Assert.True(_typing.Stop(Chat, Alice));
        Assert.Empty(_typing.Typing(Chat));
        Assert.True(_typing.Start(Chat, Alice)); // the next keystroke is news again
    }

    [Fact]
    public void Stop_WhenNotTyping_ReturnsFalse()
    {
        Assert.False(_typing.Stop(Chat, Alice));

        _typing.Start(Chat, Alice);
        _typing.Stop(Chat, Alice);
        Assert.False(_typing.Stop(Chat, Alice));
    }

    [Fact]
    public void Stop_AfterExpiry_ReturnsFalse()
    {
        _typing.Start(Chat, Alice);
        _time.Advance(Timeout);

        Assert.False(_typing.Stop(Chat, Alice));
    }

    [Fact]
    public void Typing_IsPerChatAndPerUser()
    {
        _typing.Start(Chat, Alice);
        _typing.Start(Chat, Bob);
        _typing.Start(OtherChat, Bob);

        Assert.Equal([Alice, Bob], _typing.Typing(Chat).Order());
        Assert.Equal([Bob], _typing.Typing(OtherChat));

        _typing.Stop(Chat, Bob);
        Assert.Equal([Alice], _typing.Typing(Chat));
        Assert.Equal([Bob], _typing.Typing(OtherChat));
    }

    [Fact]
    public void Timeout_IsTheOneGiven() => Assert.Equal(Timeout, _typing.Timeout);
}
