namespace Hallway.Testing;

/// <summary>
/// The real clock plus an offset a test moves forward, for expiries (invites, reset links,
/// two-factor challenges) without sleeping. Timers stay real, so the server's background work
/// runs as usual.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
