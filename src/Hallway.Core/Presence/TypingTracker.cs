namespace Hallway.Core.Presence;

/// <summary>
/// Who is typing where. A typing signal lasts <c>timeout</c> unless renewed; renewals inside half
/// the timeout are not re-broadcast, so a fast typist costs one signal every few seconds.
/// </summary>
public sealed class TypingTracker(TimeProvider time, TimeSpan timeout)
{
    private readonly Dictionary<(long ChatId, long UserId), DateTimeOffset> _until = [];
    private readonly Lock _lock = new();

    public TimeSpan Timeout => timeout;

    /// <returns>True when the signal should be broadcast now.</returns>
    public bool Start(long chatId, long userId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var key = (chatId, userId);
            var fresh = !_until.TryGetValue(key, out var until) || until - now < timeout / 2;
            if (fresh)
            {
                _until[key] = now + timeout;
            }

            return fresh;
        }
    }

    /// <returns>True when the user was typing (their message ends it).</returns>
    public bool Stop(long chatId, long userId)
    {
        lock (_lock)
        {
            return _until.Remove((chatId, userId), out var until) && until > time.GetUtcNow();
        }
    }

    /// <summary>The users typing in a chat now; drops expired entries as it goes.</summary>
    public long[] Typing(long chatId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var result = new List<long>();
            foreach (var ((chat, user), until) in _until.ToArray())
            {
                if (until <= now)
                {
                    _until.Remove((chat, user));
                }
                else if (chat == chatId)
                {
                    result.Add(user);
                }
            }

            return [.. result];
        }
    }
}
