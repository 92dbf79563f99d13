using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Hallway.Core.Accounts;
using Hallway.Core.Common;
using Hallway.Core.Storage;
using Hallway.Server.Hosting;

namespace Hallway.Server.Realtime;

/// <summary>
/// One native WebSocket connection. A receive loop parses requests; a single send loop owns every
/// write to the socket (responses, events, signals, the close frame), batching whatever is queued
/// into one frame of newline-separated JSON objects. The outgoing queue is bounded: a client that
/// cannot keep up is closed with <see cref="CloseCodes.TooSlow"/> and replays from the log later.
/// </summary>
public sealed class WebSocketClient : IRealtimeClient
{
    private const int MaxFramesPerWrite = 128;
    private const int MaxBytesPerWrite = 256 * 1024;
    private const int ReplayPage = 500;
    // Consecutive rate-limited requests after which the socket is closed with 4029.
    private const int StrikesBeforeFloodClose = 100;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly Caller _caller;
    private readonly RealtimeOptions _options;
    private readonly RealtimeHub _hub;
    private readonly RequestHandlers _handlers;
    private readonly IHallwayStore _store;
    private readonly ILogger _logger;
    private readonly Channel<byte[]> _out;
    private readonly TokenBucket _budget;
    private readonly SemaphoreSlim _inFlight;
    private readonly Lock _gate = new();

    // Guarded by _gate: replay state, the last event id queued, and how the socket is to close.
    private List<OutboundEvent>? _pending;
    private bool _live;
    private long _cursor;
    private int? _closeCode;
    private string _closeReason = string.Empty;
    private bool _discardQueued;

    // Set once the server decided to close: from then on nothing the client sends is carried out.
    private volatile bool _closing;
    private Timer? _abortTimer;

    private bool _helloDone;
    private bool _countedOnline;
    private int _strikes;

    public WebSocketClient(
        WebSocket socket,
        Caller caller,
        RealtimeOptions options,
        RealtimeHub hub,
        RequestHandlers handlers,
        IHallwayStore store,
        TimeProvider time,
        ILogger logger)
    {
        _socket = socket;
        _caller = caller;
        _options = options;
        _hub = hub;
        _handlers = handlers;
        _store = store;
        _logger = logger;
        _out = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.OutgoingQueueLimit)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _budget = new TokenBucket(options.RequestBurst, options.RequestsPerSecond, time);
        _inFlight = new SemaphoreSlim(options.MaxInFlight);
    }

    public long UserId => _caller.Id;

    public long SessionId => _caller.SessionId;

    public async Task RunAsync()
    {
        using var helloTimer = new Timer(_ => { if (!Volatile.Read(ref _helloDone)) { Close(CloseCodes.HelloTimeout, "hello timeout"); } }, null, _options.HelloTimeout, Timeout.InfiniteTimeSpan);
        var sending = SendLoopAsync();
        try
        {
            await ReceiveLoopAsync();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or ChannelClosedException)
        {
            // The peer vanished, the socket was aborted, or it closed during a replay; cleanup is the same.
        }
        finally
        {
            Close((int)WebSocketCloseStatus.NormalClosure, string.Empty);
            _hub.Remove(this);
            await sending;
            if (_countedOnline)
            {
                await _hub.UserDisconnectedAsync(UserId);
            }

            lock (_gate)
            {
                _abortTimer?.Dispose();
            }
        }
    }

    public void Deliver(OutboundEvent outbound)
    {
        lock (_gate)
        {
            if (_closeCode is not null)
            {
                return;
            }

            if (!_live)
            {
                _pending?.Add(outbound);
                if (_pending?.Count > _options.OutgoingQueueLimit * 4)
                {
                    CloseLocked(CloseCodes.TooSlow, "too slow", discard: true);
                }

                return;
            }

            if (outbound.Event.Id <= _cursor)
            {
                return; // already sent during replay
            }

            _cursor = outbound.Event.Id;
            EnqueueLocked(outbound.Json);
        }
    }

    public void Signal(byte[] frame)
    {
        lock (_gate)
        {
            if (_live && _closeCode is null)
            {
                EnqueueLocked(frame);
            }
        }
    }

    public void Close(int code, string reason)
    {
        lock (_gate)
        {
            CloseLocked(code, reason, discard: code == CloseCodes.TooSlow);
        }
    }

    private void Send(byte[] frame)
    {
        lock (_gate)
        {
            if (_closeCode is null)
            {
                EnqueueLocked(frame);
            }
        }
    }

    private void EnqueueLocked(byte[] frame)
    {
        if (!_out.Writer.TryWrite(frame))
        {
            CloseLocked(CloseCodes.TooSlow, "too slow", discard: true);
        }
    }

    /// <summary>
    /// Stops the queue; the send loop then writes the close frame. If the peer never lets that
    /// happen, the socket is aborted after a grace period so nothing waits forever.
    /// </summary>
    private void CloseLocked(int code, string reason, bool discard)
    {
        if (_closeCode is not null)
        {
            return;
        }

        _closeCode = code;
        _closeReason = reason;
        _discardQueued = discard;
        _closing = true;
        _out.Writer.TryComplete();
        _abortTimer = new Timer(_ => _socket.Abort(), null, CloseGrace, Timeout.InfiniteTimeSpan);
    }

    private async Task ReceiveLoopAsync()
    {
        while (true)
        {
            // A zero-byte read waits for data without holding a buffer: idle sockets cost no buffer memory.
            var probe = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
            if (probe.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (probe.EndOfMessage)
            {
                // The probe consumed a whole empty message: answer it like any other text.
                if (probe.MessageType == WebSocketMessageType.Binary)
                {
                    Close((int)WebSocketCloseStatus.InvalidMessageType, "text frames only");
                    return;
                }

                if (!_closing)
                {
                    await HandleAsync(ReadOnlyMemory<byte>.Empty);
                }

                continue;
            }

            var (buffer, length, type, tooLarge) = await ReadMessageAsync();
            try
            {
                if (type == WebSocketMessageType.Close)
                {
                    return;
                }

                if (tooLarge)
                {
                    Close((int)WebSocketCloseStatus.MessageTooBig, $"frame larger than {_options.MaxFrameBytes} bytes");
                    return;
                }

                if (type == WebSocketMessageType.Binary)
                {
                    Close((int)WebSocketCloseStatus.InvalidMessageType, "text frames only");
                    return;
                }

                if (!_closing)
                {
                    // After the decision to close, the loop only waits for the peer's close frame.
                    await HandleAsync(buffer.AsMemory(0, length));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Reads one whole message into a pooled buffer, growing it up to the frame limit.</summary>
    private async Task<(byte[] Buffer, int Length, WebSocketMessageType Type, bool TooLarge)> ReadMessageAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxFrameBytes + 1));
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }

            var result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (buffer, 0, WebSocketMessageType.Close, false);
            }

            length += result.Count;
            if (length > _options.MaxFrameBytes)
            {
                return (buffer, length, result.MessageType, true);
            }

            if (result.EndOfMessage)
            {
                return (buffer, length, result.MessageType, false);
            }
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> json)
    {
        string type;
        string? id;
        string? requestId = null;
        Task<byte[]>? answer = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            (type, id) = Envelope(document.RootElement);
            var data = document.RootElement.TryGetProperty("data", out var d) ? d : default;
            if (type == "hello")
            {
                await HelloAsync(id, data);
                return;
            }

            if (!_helloDone && type != "ping")
            {
                throw new HallwayException("hello_required", ErrorKind.BadRequest, "Send hello first.");
            }

            if (type != "ping")
            {
                if (!_budget.TryTake())
                {
                    if (++_strikes > StrikesBeforeFloodClose)
                    {
                        Close(CloseCodes.Flooding, "flooding");
                        return;
                    }

                    throw Errors.RateLimited();
                }

                _strikes = 0;
            }

            await _inFlight.WaitAsync();
            answer = _handlers.Start(_caller, type, id, data);
            requestId = id;
        }
        catch (JsonException)
        {
            Send(Frames.Error(null, "bad_json", "The frame is not valid JSON."));
            return;
        }
        catch (EnvelopeException e)
        {
            Send(Frames.Error(e.Id, "bad_request", e.Message));
            return;
        }
        catch (HallwayException e)
        {
            Send(Frames.Error(TryId(json), e.Code, e.Message));
            return;
        }

        _ = AnswerAsync(answer, requestId);
    }

    private async Task AnswerAsync(Task<byte[]> answer, string? id)
    {
        try
        {
            Send(await answer);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "A realtime request failed");
            Send(Frames.Error(id, "internal", "Something went wrong on the server."));
        }
        finally
        {
            _inFlight.Release();
        }
    }

    /// <summary>
    /// Replays every event after the client's last one, then goes live. Live events that arrive
    /// meanwhile wait in _pending and are sent after the replay, skipping any the replay covered:
    /// each event reaches the client once, in id order.
    /// </summary>
    private async Task HelloAsync(string? id, JsonElement data)
    {
        if (_helloDone)
        {
            throw new HallwayException("already_hello", ErrorKind.BadRequest, "hello was already sent on this socket.");
        }

        var hello = data.ValueKind == JsonValueKind.Undefined ? new HelloData(null) : RequestHandlers.Parse(data, RealtimeJsonContext.Default.HelloData);
        if (hello.LastEventId < 0)
        {
            throw Errors.Invalid("last_event_id", "lastEventId is 0 or more.");
        }

        if (hello.LastEventId > _store.Read(r => r.LastEventId()))
        {
            // A cursor from another (or a restored, older) database: replaying from it would skip events.
            throw Errors.CursorAhead();
        }

        _helloDone = true;

        // The session may have been revoked between the upgrade and now; revocations reach only
        // registered sockets, so check once more after registering.
        lock (_gate)
        {
            _pending = [];
        }

        _hub.Add(this);
        if (!_store.Read(r => r.ListSessions(UserId)).Any(s => s.Id == SessionId))
        {
            Close(CloseCodes.SessionRevoked, "session revoked");
            return;
        }

        var cursor = hello.LastEventId ?? _store.Read(r => r.LastEventId());
        if (hello.LastEventId is not null)
        {
            while (true)
            {
                var page = await _store.ReadAsync(r => r.EventsFor(UserId, cursor, ReplayPage));
                foreach (var stored in page)
                {
                    // Awaiting here is the replay's back-pressure: a slow client slows its own replay.
                    await _out.Writer.WriteAsync(new OutboundEvent(stored).Json);
                    cursor = stored.Id;
                }

                if (page.Count < ReplayPage)
                {
                    break;
                }
            }
        }

        if (!await GoLiveAsync(cursor))
        {
            return;
        }

        await _out.Writer.WriteAsync(Frames.Ok(id, new HelloResult(Volatile.Read(ref _cursor), UserId, SessionId), RealtimeJsonContext.Default.HelloResult));
        _countedOnline = true;
        await _hub.UserConnectedAsync(UserId);
    }

    /// <summary>
    /// Sends the live events held during the replay (with back-pressure, like the replay), then
    /// switches to live delivery once the queue has room again, so a client that keeps reading is
    /// never closed just because its replay filled the queue. Returns false if it had to close.
    /// </summary>
    private async Task<bool> GoLiveAsync(long cursor)
    {
        var waitedSince = Stopwatch.GetTimestamp();
        while (true)
        {
            List<OutboundEvent> held;
            lock (_gate)
            {
                if (_closing)
                {
                    return false;
                }

                if (_pending!.Count == 0 && _out.Reader.Count <= _options.OutgoingQueueLimit / 2)
                {
                    _pending = null;
                    _cursor = cursor;
                    _live = true;
                    return true;
                }

                held = [.. _pending];
                _pending.Clear();
            }

            if (held.Count == 0)
            {
                if (Stopwatch.GetElapsedTime(waitedSince) > CloseGrace)
                {
                    Close(CloseCodes.TooSlow, "too slow");
                    return false;
                }

                await Task.Delay(5);
                continue;
            }

            foreach (var outbound in held.Where(o => o.Event.Id > cursor))
            {
                await _out.Writer.WriteAsync(outbound.Json);
                cursor = outbound.Event.Id;
            }

            waitedSince = Stopwatch.GetTimestamp();
        }
    }

    private async Task SendLoopAsync()
    {
        var batch = new ArrayBufferWriter<byte>(4096);
        var reader = _out.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                batch.Clear();
                var frames = 0;
                while (frames < MaxFramesPerWrite && batch.WrittenCount < MaxBytesPerWrite && reader.TryRead(out var frame))
                {
                    if (frames++ > 0)
                    {
                        batch.Write("\n"u8);
                    }

                    batch.Write(frame);
                }

                if (Volatile.Read(ref _discardQueued))
                {
                    while (reader.TryRead(out _))
                    {
                    }

                    break;
                }

                await _socket.SendAsync(batch.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
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
            // Aborted or reset by the peer: the receive loop will notice too.
        }
    }

    private static (string Type, string? Id) Envelope(JsonElement root)
    {
        try
        {
            return ReadEnvelope(root);
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-16 (a lone surrogate escape) cannot be read as text.
            throw new EnvelopeException(null, "type and id must be valid text.");
        }
    }

    private static (string Type, string? Id) ReadEnvelope(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EnvelopeException(null, "A frame is a JSON object {type, id, data}.");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            if (idElement.ValueKind != JsonValueKind.String || idElement.GetString()!.Length > 64)
            {
                throw new EnvelopeException(null, "id is a string of at most 64 characters.");
            }

            id = idElement.GetString();
        }

        if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String || typeElement.GetString() is not { Length: > 0 } type)
        {
            throw new EnvelopeException(id, "type is a non-empty string.");
        }

        return (type, id);
    }

    private static string? TryId(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class EnvelopeException(string? id, string message) : Exception(message)
    {
        public string? Id { get; } = id;
    }
}
