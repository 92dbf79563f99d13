using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using Hallway.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace Hallway.Server.Realtime;

/// <summary>
/// The byte stream under every WebSocket (/ws, /ws/{user_id}, /text), placed between Kestrel's
/// upgraded connection and .NET's WebSocket so that every socket ends with RFC 6455's closing
/// handshake: the server's close frame is sent, the peer's close frame is read, then TCP closes.
/// <para>
/// Why: .NET's WebSocket refuses some frames by itself (a text frame that is not UTF-8: 1007; a
/// broken frame: 1002). It writes its close frame and then aborts at once, which disposed the
/// upgraded stream and tore the TCP connection down before the peer could answer. The peer's
/// close frame then met a closed socket and the connection ended in a reset, sometimes before
/// the close frame itself had reached the peer. The same happened when the server stopped
/// reading on its own (1003, 1009) and ended the connection right after its close frame.
/// </para>
/// <para>
/// So the WebSocket cannot close this stream: its dispose (an abort) only detaches it, ending
/// the WebSocket's pending reads. The stream follows the frame boundaries in both directions
/// (headers are never masked), so after the WebSocket is done <see cref="FinishAsync"/> knows
/// whether a close frame went out and whether the peer's came in, and if not reads the raw
/// connection, discarding, until the peer's close frame, the end of the connection, or
/// <see cref="CloseGrace"/> after the server's close frame. Only then does the endpoint return.
/// </para>
/// </summary>
public sealed class WebSocketTransportStream : Stream
{
    /// <summary>How long after its close frame the server waits for the peer's (then it hangs up).</summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(10);

    private readonly Stream _inner;
    private readonly CancellationTokenSource _detached = new();
    private readonly FrameTracker _incoming = new();
    private readonly FrameTracker _outgoing = new();
    private long _closeSentAt;
    private volatile bool _ended;

    private WebSocketTransportStream(Stream inner) => _inner = inner;

    /// <summary>The peer's close frame has been read (by the WebSocket or by <see cref="FinishAsync"/>).</summary>
    public bool PeerCloseRead => _incoming.CloseSeen;

    /// <summary>The server's close frame has been written.</summary>
    public bool CloseSent => _outgoing.CloseSeen;

    /// <summary>Both close frames have passed: the connection can only end cleanly now.</summary>
    public bool HandshakeDone => CloseSent && PeerCloseRead;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Placed before <c>UseWebSockets</c>: every upgrade's stream becomes a transport, which the
    /// endpoint finds with <see cref="Of"/> after accepting.
    /// </summary>
    public static void Use(IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
            {
                http.Features.Set<IHttpUpgradeFeature>(new UpgradeFeature(upgrade, http.Features));
                if (http.Features.Get<IHttpRequestLifetimeFeature>() is { } lifetime)
                {
                    http.Features.Set<IHttpRequestLifetimeFeature>(new LifetimeFeature(lifetime, http.Features));
                }
            }

            await next(http);
        });

    /// <summary>Accepts the upgrade with the realtime keep-alive settings.</summary>
    public static Task<WebSocket> AcceptAsync(HttpContext http, RealtimeOptions realtime) =>
        http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = realtime.KeepAliveInterval,
            KeepAliveTimeout = realtime.KeepAliveTimeout,
        });

    /// <summary>
    /// Completes the closing handshake after the WebSocket is done with the connection (its
    /// receive loop has ended): if the server's close frame went out and the peer's has not come
    /// in, reads and discards until it does, the peer hangs up, or <see cref="CloseGrace"/> after
    /// the close frame. Returns at once when there is nothing to wait for.
    /// </summary>
    public static async Task FinishAsync(HttpContext http)
    {
        if (http.Features.Get<WebSocketTransportStream>() is { } transport)
        {
            await transport.FinishAsync();
        }
    }

    // .NET's WebSocket reads and writes asynchronously only; blocking calls have no use here.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_detached.IsCancellationRequested, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _detached.Token);
        var read = await _inner.ReadAsync(buffer, linked.Token);
        if (!buffer.IsEmpty)
        {
            // A zero-byte read (the WebSocket's wait for data) is not the end of the stream.
            Observe(buffer.Span[..read]);
        }

        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_detached.IsCancellationRequested, this);
        await _inner.WriteAsync(buffer, cancellationToken);
        if (_outgoing.Feed(buffer.Span))
        {
            Interlocked.CompareExchange(ref _closeSentAt, Stopwatch.GetTimestamp(), 0);
        }
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>The WebSocket's dispose or abort: detach (ending its pending reads), never close the connection.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _detached.Cancel();
        }

        base.Dispose(disposing);
    }

    private async Task FinishAsync()
    {
        var sentAt = Interlocked.Read(ref _closeSentAt);
        if (sentAt == 0 || PeerCloseRead || _ended)
        {
            return;
        }

        var left = CloseGrace - Stopwatch.GetElapsedTime(sentAt);
        if (left <= TimeSpan.Zero)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(left);
        var scratch = new byte[4096];
        try
        {
            while (!PeerCloseRead && !_ended)
            {
                var read = await _inner.ReadAsync(scratch, deadline.Token);
                Observe(scratch.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // The grace period ran out or the peer vanished: hang up as before.
        }
    }

    private void Observe(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty)
        {
            _ended = true;
        }
        else
        {
            _incoming.Feed(read);
        }
    }

    /// <summary>Follows WebSocket frame boundaries through a byte stream and notes a close frame.</summary>
    private sealed class FrameTracker
    {
        private readonly byte[] _header = new byte[14];
        private int _have;
        private int _need = 2;
        private long _payloadLeft;
        private int _opcode;
        private volatile bool _closeSeen;

        public bool CloseSeen => _closeSeen;

        /// <summary>Follows the bytes; true when a close frame ended within them.</summary>
        public bool Feed(ReadOnlySpan<byte> data)
        {
            var closed = false;
            while (!data.IsEmpty && !_closeSeen)
            {
                if (_payloadLeft > 0)
                {
                    var skip = (int)Math.Min(_payloadLeft, data.Length);
                    data = data[skip..];
                    _payloadLeft -= skip;
                    closed = _payloadLeft == 0 && _opcode == 8;
                }
                else
                {
                    _header[_have++] = data[0];
                    data = data[1..];
                    if (_have == 2)
                    {
                        var length7 = _header[1] & 0x7F;
                        _need = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((_header[1] & 0x80) != 0 ? 4 : 0);
                    }

                    if (_have >= 2 && _have == _need)
                    {
                        var length7 = _header[1] & 0x7F;
                        _payloadLeft = length7 switch
                        {
                            126 => BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2)),
                            127 => (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2)), long.MaxValue),
                            _ => length7,
                        };
                        _opcode = _header[0] & 0x0F;
                        _have = 0;
                        _need = 2;
                        closed = _payloadLeft == 0 && _opcode == 8;
                    }
                }

                if (closed)
                {
                    _closeSeen = true;
                }
            }

            return closed;
        }
    }

    private sealed class UpgradeFeature(IHttpUpgradeFeature inner, IFeatureCollection features) : IHttpUpgradeFeature
    {
        public bool IsUpgradableRequest => inner.IsUpgradableRequest;

        public async Task<Stream> UpgradeAsync()
        {
            var transport = new WebSocketTransportStream(await inner.UpgradeAsync());
            features.Set(transport);
            return transport;
        }
    }

    /// <summary>
    /// ASP.NET Core turns a WebSocket that is disposed in the Aborted state (which .NET's WebSocket
    /// enters by itself after refusing a frame, right after its close frame) into an abort of the
    /// whole HTTP connection, a TCP reset. Once both close frames have passed there is nothing
    /// left to abort: the endpoint returns and the connection ends with a FIN. Any other abort
    /// (a grace period that ran out, a dead peer, shutdown) still goes through.
    /// </summary>
    private sealed class LifetimeFeature(IHttpRequestLifetimeFeature inner, IFeatureCollection features) : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted
        {
            get => inner.RequestAborted;
            set => inner.RequestAborted = value;
        }

        public void Abort()
        {
            if (features.Get<WebSocketTransportStream>() is { HandshakeDone: true })
            {
                return;
            }

            inner.Abort();
        }
    }
}
