namespace Hallway.Core.Presence;

/// <summary>
/// Online means at least one open connection. Counts per user, so a second tab closing does not
/// make its user look offline. Thread-safe; the transitions are what gets broadcast.
/// </summary>
public sealed class PresenceTracker
{
    private readonly Dictionary<long, int> _connections = [];
    private readonly Lock _lock = new();

    /// <returns>True when this connection made the user go online.</returns>
    public bool Connected(long userId)
    {
        lock (_lock)
        {
            _connections.TryGetValue(userId, out var count);
            _connections[userId] = count + 1;
            return count == 0;
        }
    }

    /// <returns>True when this was the user's last connection.</returns>
    public bool Disconnected(long userId)
    {
        lock (_lock)
        {
            if (!_connections.TryGetValue(userId, out var count))
            {
                return false;
            }

            if (count <= 1)
            {
                _connections.Remove(userId);
                return true;
            }

            _connections[userId] = count - 1;
            return false;
        }
    }

    public bool IsOnline(long userId)
    {
        lock (_lock)
        {
            return _connections.ContainsKey(userId);
        }
    }

    public long[] OnlineUsers()
    {
        lock (_lock)
        {
            return [.. _connections.Keys];
        }
    }
}
