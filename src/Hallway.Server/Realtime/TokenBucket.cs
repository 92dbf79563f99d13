namespace Hallway.Server.Realtime;

/// <summary>A request budget: <c>burst</c> at once, refilled at <c>perSecond</c>. Not thread-safe.</summary>
internal sealed class TokenBucket(int burst, double perSecond, TimeProvider time)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
