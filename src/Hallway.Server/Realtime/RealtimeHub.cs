using System.Collections.Concurrent;
using System.Text.Json;
using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Core.Presence;
using Hallway.Core.Storage;

namespace Hallway.Server.Realtime;

/// <summary>
/// Fans committed events out to the live connections of their audience, and carries the ephemeral
/// signals (typing, presence). <see cref="Publish"/> runs on the store's writer, in event id order,
/// so every connection sees its events in order.
/// </summary>
public sealed class RealtimeHub(IHallwayStore store, PresenceTracker presence, TimeProvider time, ILogger<RealtimeHub> logger) : IEventSink
{
    // Per-user connection arrays, replaced (never mutated) under _lock: readers need no lock.
    private readonly ConcurrentDictionary<long, IRealtimeClient[]> _byUser = new();
    private readonly Lock _lock = new();

    // Chat member ids for fan-out. Only Publish (the writer) fills it, after dropping the entry when
    // membership changed, so a concurrent reader can never store a stale list over a fresh one.
    private readonly ConcurrentDictionary<long, long[]> _members = new();

    // A presence change, its last-seen write and its broadcast happen under one gate, so watchers
    // see online/offline in the order the transitions happened (a quick reload ends "online"), and
    // an offline signal is only sent once last-seen is stored.
    private readonly SemaphoreSlim _presenceGate = new(1, 1);
    private int _count;

    public int ConnectionCount => Volatile.Read(ref _count);

    /// <summary>
    /// A user went online (first connection of any transport) or offline (last one closed), raised
    /// in transition order under the presence gate, after the native signal went out. The
    /// compatibility gateways turn it into their own presence lines; handlers must not block.
    /// </summary>
    public event Action<PresenceSignal>? PresenceChanged;

    public void Add(IRealtimeClient client)
    {
        lock (_lock)
        {
            _byUser[client.UserId] = _byUser.TryGetValue(client.UserId, out var list) ? [.. list, client] : [client];
            _count++;
        }
    }

    public void Remove(IRealtimeClient client)
    {
        lock (_lock)
        {
            if (!_byUser.TryGetValue(client.UserId, out var list) || Array.IndexOf(list, client) < 0)
            {
                return;
            }

            var rest = list.Where(c => c != client).ToArray();
            if (rest.Length == 0)
            {
                _byUser.TryRemove(client.UserId, out _);
            }
            else
            {
                _byUser[client.UserId] = rest;
            }

            _count--;
        }
    }

    public void Publish(IReadOnlyList<StoredEvent> events)
    {
        foreach (var stored in events)
        {
            var outbound = new OutboundEvent(stored);
            if (stored.UserId is long userId)
            {
                DeliverTo(userId, outbound);
                if (stored.Type == EventTypes.SessionRevoked)
                {
                    CloseRevoked(userId, stored.Payload);
                }

                continue;
            }

            var chatId = stored.ChatId!.Value;
            if (EventTypes.ChangesMembership(stored.Type))
            {
                _members.TryRemove(chatId, out _);
            }

            var members = _members.GetOrAdd(chatId, id => store.Read(r => r.MemberIds(id)));
            foreach (var member in members)
            {
                DeliverTo(member, outbound);
            }
        }
    }

    /// <summary>Sends an ephemeral frame to the members of a chat, except one user (the one typing).</summary>
    public void SignalChat(long chatId, long exceptUserId, byte[] frame)
    {
        var members = _members.TryGetValue(chatId, out var cached) ? cached : store.Read(r => r.MemberIds(chatId));
        foreach (var member in members)
        {
            if (member != exceptUserId && _byUser.TryGetValue(member, out var clients))
            {
                foreach (var client in clients)
                {
                    client.Signal(frame);
                }
            }
        }
    }

    /// <summary>Presence goes to everyone: every account shares the Lobby.</summary>
    public void SignalAll(byte[] frame)
    {
        foreach (var clients in _byUser.Values)
        {
            foreach (var client in clients)
            {
                client.Signal(frame);
            }
        }
    }

    public async Task UserConnectedAsync(long userId)
    {
        await _presenceGate.WaitAsync();
        try
        {
            if (presence.Connected(userId))
            {
                var online = new PresenceSignal(userId, true, null);
                SignalAll(Frames.Signal("presence", online, RealtimeJsonContext.Default.PresenceSignal));
                PresenceChanged?.Invoke(online);
            }
        }
        finally
        {
            _presenceGate.Release();
        }
    }

    public async Task UserDisconnectedAsync(long userId)
    {
        await _presenceGate.WaitAsync();
        try
        {
            if (!presence.Disconnected(userId))
            {
                return;
            }

            var at = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
            try
            {
                await store.WriteAsync(tx =>
                {
                    tx.SetLastSeen(userId, at);
                    return 0;
                });
            }
            catch (ObjectDisposedException)
            {
                // Shutting down: nobody is left to tell, and last-seen is not worth holding shutdown for.
                return;
            }

            var offline = new PresenceSignal(userId, false, at);
            SignalAll(Frames.Signal("presence", offline, RealtimeJsonContext.Default.PresenceSignal));
            PresenceChanged?.Invoke(offline);
        }
        finally
        {
            _presenceGate.Release();
        }
    }

    /// <summary>Closes every open socket of one user (they reconnect and replay on their own).</summary>
    public void CloseUser(long userId, int code, string reason)
    {
        if (_byUser.TryGetValue(userId, out var clients))
        {
            foreach (var client in clients)
            {
                client.Close(code, reason);
            }
        }
    }

    /// <summary>The open connections by transport, for the admins' status page.</summary>
    public Api.OpenSockets CountByTransport()
    {
        int web = 0, text = 0, school = 0;
        foreach (var client in _byUser.Values.SelectMany(c => c))
        {
            switch (client)
            {
                case WebSocketClient:
                    web++;
                    break;
                case Compat.Text.TextConnection:
                    text++;
                    break;
                case Compat.School.SchoolSocket:
                    school++;
                    break;
            }
        }

        return new Api.OpenSockets(ConnectionCount, web, text, school);
    }

    public void CloseAll(int code, string reason)
    {
        foreach (var clients in _byUser.Values)
        {
            foreach (var client in clients)
            {
                client.Close(code, reason);
            }
        }
    }

    private void DeliverTo(long userId, OutboundEvent outbound)
    {
        if (_byUser.TryGetValue(userId, out var clients))
        {
            foreach (var client in clients)
            {
                client.Deliver(outbound);
            }
        }
    }

    private void CloseRevoked(long userId, string payload)
    {
        try
        {
            var revoked = JsonSerializer.Deserialize(payload, CoreJsonContext.Default.SessionRevokedPayload)!;
            if (_byUser.TryGetValue(userId, out var clients))
            {
                foreach (var client in clients.Where(c => revoked.SessionIds.Contains(c.SessionId)))
                {
                    client.Close(CloseCodes.SessionRevoked, "session revoked");
                }
            }
        }
        catch (JsonException e)
        {
            logger.LogError(e, "Unreadable session.revoked payload");
        }
    }
}
