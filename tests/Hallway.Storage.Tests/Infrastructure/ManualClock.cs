namespace Hallway.Storage.Tests.Infrastructure;

/// <summary>A clock that moves only when a test moves it, so stored times are exact.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
