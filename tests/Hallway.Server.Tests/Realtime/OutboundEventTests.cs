using Hallway.Core.Events;
using Hallway.Server.Realtime;

namespace Hallway.Server.Tests.Realtime;

/// <summary>An event's renderings are made once and shared by every socket that asks, even all at once.</summary>
public sealed class OutboundEventTests
{
    private static OutboundEvent NewEvent() => new(new StoredEvent(7, 1, null, EventTypes.MessageCreated, "{}", DateTimeOffset.UnixEpoch));

    [Fact]
    public async Task Rendered_ManyCallersAtOnce_AllGetTheOneResultKept()
    {
        var outbound = NewEvent();
        var renders = 0;
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => outbound.Rendered(Rendering.TextLines, e =>
        {
            Interlocked.Increment(ref renders);
            return new object();
        }))));

        Assert.Single(results.Distinct());
        Assert.InRange(renders, 1, 64);

        // Once kept, it is never rendered again.
        var before = renders;
        Assert.Same(results[0], outbound.Rendered<object>(Rendering.TextLines, _ => throw new InvalidOperationException("rendered twice")));
        Assert.Equal(before, renders);
    }

    [Fact]
    public void Rendered_EachEventHasItsOwn()
    {
        var first = NewEvent().Rendered(Rendering.TextLines, _ => new object());
        var second = NewEvent().Rendered(Rendering.TextLines, _ => new object());
        Assert.NotSame(first, second);
    }
}
