using System.Text.Json;
using Hallway.Core.Presence;
using Hallway.Server.Realtime;

namespace Hallway.Server.Compat.School;

/// <summary>
/// The signed-in school sockets, and the user_status_update lines they get: on every connect of a
/// user's school socket, and on every presence transition of any transport (the hub's
/// PresenceChanged: web sockets, school sockets, the text gateway). Nobody is told their own status.
/// </summary>
public sealed class SchoolSockets
{
    private readonly PresenceTracker _presence;
    private readonly Lock _lock = new();
    private SchoolSocket[] _sockets = [];

    public SchoolSockets(RealtimeHub hub, PresenceTracker presence)
    {
        _presence = presence;
        hub.PresenceChanged += signal => Broadcast(signal.UserId, signal.Online);
    }

    public int Count => Volatile.Read(ref _sockets).Length;

    public void Add(SchoolSocket socket)
    {
        lock (_lock)
        {
            _sockets = [.. _sockets, socket];
        }
    }

    public void Remove(SchoolSocket socket)
    {
        lock (_lock)
        {
            _sockets = [.. _sockets.Where(s => s != socket)];
        }
    }

    /// <summary>
    /// Called after the hub counted the connection. A first connection was already announced
    /// through PresenceChanged; a further one is announced here, as the original did on each connect.
    /// </summary>
    public void Connected(long userId, bool wasOnline)
    {
        if (wasOnline && _presence.IsOnline(userId))
        {
            Broadcast(userId, true);
        }
    }

    private void Broadcast(long userId, bool online)
    {
        var frame = JsonSerializer.SerializeToUtf8Bytes(
            new SchoolStatusUpdate("user_status_update", userId, online, SchoolViews.LocalTime(DateTimeOffset.Now)),
            SchoolJsonContext.Default.SchoolStatusUpdate);
        foreach (var socket in Volatile.Read(ref _sockets))
        {
            if (socket.UserId != userId)
            {
                socket.Push(frame);
            }
        }
    }
}
