using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Core.Presence;
using Hallway.Core.Storage;
using Hallway.Server.Hosting;
using Hallway.Server.Realtime;

namespace Hallway.Server.Compat.School;

/// <summary>
/// One /ws/{user_id} socket. Text "ping" gets "pong"; everything else the client sends (its own
/// JSON after a delete, junk) is ignored and never drops the socket. A socket bound to a session
/// gets user_status_update and message_deleted; an anonymous one gets only pongs. Hygiene as the
/// native socket: frames bounded, one bounded outgoing queue, one writer, keep-alive, close then abort.
/// </summary>
public sealed class SchoolSocket : IRealtimeClient
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(10);
    private static readonly byte[] Pong = "pong"u8.ToArray();

    private readonly WebSocket _socket;
    private readonly Caller? _caller;
    private readonly RealtimeOptions _options;
    private readonly IHallwayStore _store;
    private readonly Channel<object> _out;
    private readonly Lock _gate = new();
    private int? _closeCode;
    private string _closeReason = string.Empty;
    private Timer? _abortTimer;

    public SchoolSocket(WebSocket socket, Caller? caller, RealtimeOptions options, IHallwayStore store)
    {
        _socket = socket;
        _caller = caller;
        _options = options;
        _store = store;

        // Items are ready frames (byte[]) or message.deleted events, turned into frames by the writer.
        _out = Channel.CreateBounded<object>(new BoundedChannelOptions(options.OutgoingQueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public long UserId => _caller?.Id ?? 0;

    public long SessionId => _caller?.SessionId ?? 0;

    public async Task RunAsync(RealtimeHub hub, SchoolSockets sockets, PresenceTracker presence)
    {
        var sending = SendLoopAsync();
        var counted = false;
        try
        {
            if (_caller is not null)
            {
                hub.Add(this);
                sockets.Add(this);

                // A revocation between binding and registering reached nobody: check once more.
                if (!(await _store.ReadAsync(r => r.ListSessions(UserId))).Any(s => s.Id == SessionId))
                {
                    Close(CloseCodes.SessionRevoked, "session revoked");
                }
                else
                {
                    var wasOnline = presence.IsOnline(UserId);
                    counted = true;
                    await hub.UserConnectedAsync(UserId);
                    sockets.Connected(UserId, wasOnline);
                }
            }

            await ReceiveLoopAsync();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer vanished or the socket was aborted; cleanup is the same.
        }
        finally
        {
            Close((int)WebSocketCloseStatus.NormalClosure, string.Empty);
            sockets.Remove(this);
            hub.Remove(this);
            await sending;
            if (counted)
            {
                await hub.UserDisconnectedAsync(UserId);
            }

            lock (_gate)
            {
                _abortTimer?.Dispose();
            }
        }
    }

    /// <summary>Only deletions concern this client; the rest it learns by polling.</summary>
    public void Deliver(OutboundEvent outbound)
    {
        if (outbound.Event.Type == EventTypes.MessageDeleted)
        {
            Enqueue(outbound);
        }
    }

    /// <summary>Native signals (typing, presence frames) are not this client's language.</summary>
    public void Signal(byte[] frame)
    {
    }

    public void Push(byte[] frame) => Enqueue(frame);

    public void Close(int code, string reason)
    {
        lock (_gate)
        {
            if (_closeCode is not null)
            {
                return;
            }

            _closeCode = code;
            _closeReason = reason;
            _out.Writer.TryComplete();
            _abortTimer = new Timer(_ => _socket.Abort(), null, CloseGrace, Timeout.InfiniteTimeSpan);
        }
    }

    private void Enqueue(object item)
    {
        lock (_gate)
        {
            if (_closeCode is null && !_out.Writer.TryWrite(item))
            {
                // Not reading: drop it rather than hold memory; the client reconnects and polls.
                Close(CloseCodes.TooSlow, "too slow");
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        while (true)
        {
            // A zero-byte read waits without holding a buffer.
            var probe = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
            if (probe.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (probe.EndOfMessage)
            {
                continue; // an empty message: nothing to answer
            }

            var buffer = ArrayPool<byte>.Shared.Rent(_options.MaxFrameBytes + 1);
            try
            {
                var length = 0;
                while (true)
                {
                    var result = await _socket.ReceiveAsync(buffer.AsMemory(length, buffer.Length - length), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    length += result.Count;
                    if (length > _options.MaxFrameBytes)
                    {
                        Close((int)WebSocketCloseStatus.MessageTooBig, $"frame larger than {_options.MaxFrameBytes} bytes");
                        return;
                    }

                    if (result.EndOfMessage)
                    {
                        if (result.MessageType == WebSocketMessageType.Text && buffer.AsSpan(0, length).SequenceEqual("ping"u8))
                        {
                            Enqueue(Pong);
                        }

                        break;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var item in _out.Reader.ReadAllAsync())
            {
                var frame = item as byte[] ?? await DeletedFrameAsync((OutboundEvent)item);
                if (frame is not null)
                {
                    await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                int code;
                string reason;
                lock (_gate)
                {
                    code = _closeCode ?? (int)WebSocketCloseStatus.NormalClosure;
                    reason = _closeReason;
                }

                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted or reset by the peer: the receive loop notices too.
        }
    }

    /// <summary>
    /// message_deleted for a direct chat's message: chat_id "min_max" of the two users, and the
    /// message's stored time in SQLite's text form. Other chats do not exist for this client.
    /// </summary>
    private async Task<byte[]?> DeletedFrameAsync(OutboundEvent outbound)
    {
        MessageDeletedPayload deleted;
        try
        {
            deleted = JsonSerializer.Deserialize(outbound.Event.Payload, CoreJsonContext.Default.MessageDeletedPayload)!;
        }
        catch (JsonException)
        {
            return null;
        }

        return await _store.ReadAsync(r =>
        {
            if (r.GetChat(deleted.ChatId) is not { Kind: ChatKind.Direct } || r.GetMessage(deleted.MessageId) is not { } message)
            {
                return null;
            }

            var members = r.MemberIds(deleted.ChatId);
            var receiver = Array.Find(members, id => id != message.SenderId);
            var other = receiver == 0 ? message.SenderId : receiver;
            var chatId = $"{Math.Min(message.SenderId, other)}_{Math.Max(message.SenderId, other)}";
            return JsonSerializer.SerializeToUtf8Bytes(
                new SchoolMessageDeleted("message_deleted", deleted.MessageId, chatId, deleted.DeletedBy, SchoolViews.SqliteTime(message.CreatedAt)),
                SchoolJsonContext.Default.SchoolMessageDeleted);
        });
    }
}
