using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Hallway.Server.Tests.Infrastructure;

/// <summary>
/// A WebSocket client written on a bare TCP socket, so a test sees exactly what arrives: which
/// frames, whether a close frame came before the end, and whether the end was a FIN or a reset
/// (ClientWebSocket reports both as one exception). Every read is bounded by a hang guard.
/// </summary>
public sealed class RawWebSocket : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly Socket _tcp;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawWebSocket(Socket tcp) => _tcp = tcp;

    /// <summary>How the connection ended after the close frames, as seen by <see cref="FinishAsync"/>.</summary>
    public enum Ending
    {
        Fin,
        Reset,
    }

    /// <summary>Upgrades <paramref name="path"/>; fails unless the server answers 101.</summary>
    public static async Task<RawWebSocket> ConnectAsync(Uri baseAddress, string path, string? token = null)
    {
        var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(Wait);
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        var raw = new RawWebSocket(tcp);
        var request = new StringBuilder()
            .Append("GET ").Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseAddress.Authority).Append("\r\n")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append("Sec-WebSocket-Key: ").Append(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))).Append("\r\n")
            .Append("Sec-WebSocket-Version: 13\r\n");
        if (token is not null)
        {
            request.Append("Authorization: Bearer ").Append(token).Append("\r\n");
        }

        await tcp.SendAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), SocketFlags.None, timeout.Token);

        // The response head ends with an empty line; anything after it is already frames.
        while (true)
        {
            var head = raw._buffer.AsSpan(0, raw._end).IndexOf("\r\n\r\n"u8);
            if (head >= 0)
            {
                var status = Encoding.ASCII.GetString(raw._buffer, 0, head);
                if (!status.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("The upgrade was refused: " + status);
                }

                raw._start = head + 4;
                return raw;
            }

            if (!await raw.FillAsync(timeout.Token))
            {
                throw new InvalidOperationException("The server hung up during the upgrade.");
            }
        }
    }

    /// <summary>Sends one masked frame (FIN set) with the given opcode: 1 text, 2 binary, 8 close.</summary>
    public async Task SendFrameAsync(int opcode, byte[] payload)
    {
        var header = new List<byte> { (byte)(0x80 | opcode) };
        if (payload.Length < 126)
        {
            header.Add((byte)(0x80 | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header.Add(0x80 | 126);
            header.Add((byte)(payload.Length >> 8));
            header.Add((byte)payload.Length);
        }
        else
        {
            header.Add(0x80 | 127);
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            header.AddRange(length);
        }

        var mask = RandomNumberGenerator.GetBytes(4);
        header.AddRange(mask);
        var frame = new byte[header.Count + payload.Length];
        header.CopyTo(frame);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header.Count + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        using var timeout = new CancellationTokenSource(Wait);
        await _tcp.SendAsync(frame, SocketFlags.None, timeout.Token);
    }

    public Task SendTextAsync(string text) => SendFrameAsync(1, Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Reads frames until the server's close frame and returns its code and reason, with the data
    /// frames that came before it. Null when the connection ended (FIN or reset) without one.
    /// </summary>
    public async Task<(int Code, string Reason, List<string> Before)?> ReadCloseAsync()
    {
        var before = new List<string>();
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            while (true)
            {
                var frame = await ReadFrameAsync(timeout.Token);
                if (frame is null)
                {
                    return null;
                }

                var (opcode, payload) = frame.Value;
                if (opcode == 8)
                {
                    var code = payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : 1005;
                    return (code, Encoding.UTF8.GetString(payload.AsSpan(Math.Min(2, payload.Length))), before);
                }

                if (opcode is 1 or 2)
                {
                    before.Add(Encoding.UTF8.GetString(payload));
                }
            }
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return null;
        }
    }

    /// <summary>The next text or binary message's payload as text (pings skipped); null at a close frame or the end.</summary>
    public async Task<string?> ReadTextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (await ReadFrameAsync(timeout.Token) is var (opcode, payload))
        {
            if (opcode == 8)
            {
                return null;
            }

            if (opcode is 1 or 2)
            {
                return Encoding.UTF8.GetString(payload);
            }
        }

        return null;
    }

    /// <summary>
    /// Answers the server's close frame with the client's, as RFC 6455 asks, then reads to the end
    /// of the connection: a clean end is a FIN, not a reset.
    /// </summary>
    public async Task<Ending> FinishAsync(int code)
    {
        var payload = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            await SendFrameAsync(8, payload);
            while (await FillAsync(timeout.Token))
            {
                _start = _end; // nothing may follow a close frame; whatever does is ignored
            }

            return Ending.Fin;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown)
        {
            return Ending.Reset;
        }
    }

    public void Dispose() => _tcp.Dispose();

    private async Task<(int Opcode, byte[] Payload)?> ReadFrameAsync(CancellationToken cancel)
    {
        if (!await EnsureAsync(2, cancel))
        {
            return null;
        }

        var opcode = _buffer[_start] & 0x0F;
        var length = (long)(_buffer[_start + 1] & 0x7F);
        var headerLength = 2;
        if (length == 126)
        {
            headerLength = 4;
            if (!await EnsureAsync(headerLength, cancel))
            {
                return null;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start + 2));
        }
        else if (length == 127)
        {
            headerLength = 10;
            if (!await EnsureAsync(headerLength, cancel))
            {
                return null;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_start + 2));
        }

        if (length > _buffer.Length - headerLength)
        {
            throw new InvalidOperationException($"A server frame of {length} bytes is more than this test client reads.");
        }

        if (!await EnsureAsync(headerLength + (int)length, cancel))
        {
            return null;
        }

        var payload = _buffer.AsSpan(_start + headerLength, (int)length).ToArray();
        _start += headerLength + (int)length;
        return (opcode, payload);
    }

    /// <summary>Makes <paramref name="count"/> unread bytes available; false if the connection ended first.</summary>
    private async Task<bool> EnsureAsync(int count, CancellationToken cancel)
    {
        while (_end - _start < count)
        {
            if (!await FillAsync(cancel))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> FillAsync(CancellationToken cancel)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var read = await _tcp.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancel);
        _end += read;
        return read > 0;
    }
}
