using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;

namespace Hallway.Server.Compat.Text;

/// <summary>
/// async_chat over TCP (telnet, netcat): one command per line, CR/LF stripped, replies end with
/// "\n". Lines are bounded; text must be UTF-8; telnet negotiation is dropped. TCP keep-alive finds
/// half-open connections; EOF and resets end the connection at once.
/// </summary>
public sealed class TcpTextConnection : TextConnection
{
    // What one TCP write may carry when many lines are queued.
    private const int MaxUnflushedBytes = 32 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeWriter _writer;

    public TcpTextConnection(Socket socket, TextRoom room)
        : base(room, (socket.RemoteEndPoint as System.Net.IPEndPoint)?.Address.ToString() ?? "unknown", "telnet")
    {
        _socket = socket;
        _socket.NoDelay = true;
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        _socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
        _socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
        _socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        _stream = new NetworkStream(socket, ownsSocket: true);
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 4096, leaveOpen: true));
    }

    /// <summary>Refuses a connection over the limits with one line, then closes it.</summary>
    public async Task RefuseAsync()
    {
        try
        {
            await _stream.WriteAsync("[ERROR] - Too many connections!\n"u8.ToArray());
        }
        catch (IOException)
        {
        }

        await CloseTransportAsync();
    }

    protected override async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 4096, leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(Reading);
                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var line = buffer.Slice(0, end);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    if (line.Length > MaxLineBytes)
                    {
                        RefuseLength();
                        return;
                    }

                    if (!await HandleBytesAsync(line))
                    {
                        return;
                    }
                }

                if (buffer.Length > MaxLineBytes)
                {
                    RefuseLength();
                    return;
                }

                // EOF, with or without a last unterminated line: a disconnect, as in async_chat.
                if (result.IsCompleted)
                {
                    return;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    protected override ValueTask WriteAsync(TextReply reply)
    {
        Encoding.UTF8.GetBytes(Room.Options.Color ? reply.ColoredLine() : reply.Line(), _writer);
        _writer.Write("\n"u8);
        return FlushIfFullAsync();
    }

    protected override ValueTask WriteAsync(TextLines lines)
    {
        _writer.Write(lines.TcpBytes(Room.Options.Color));
        return FlushIfFullAsync();
    }

    /// <summary>One TCP write for everything queued; the pipe's pooled buffers go back when it is sent.</summary>
    protected override async ValueTask FlushAsync() => await _writer.FlushAsync();

    /// <summary>A long queue is sent in slices, so what is held stays bounded.</summary>
    private ValueTask FlushIfFullAsync() => _writer.UnflushedBytes >= MaxUnflushedBytes ? FlushAsync() : ValueTask.CompletedTask;

    protected override Task CloseTransportAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        // The send loop flushed all it wrote, unless the peer was gone; completing the pipe writes
        // whatever it still holds, which fails on the shut-down socket and is dropped.
        try
        {
            _writer.Complete();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }

        _stream.Dispose();
        return Task.CompletedTask;
    }

    protected override void Abort() => _socket.Close(0);

    private Task<bool> HandleBytesAsync(ReadOnlySequence<byte> raw)
    {
        var bytes = raw.ToArray().AsSpan();
        var negotiated = TelnetFilter.HasIac(bytes);
        if (negotiated)
        {
            bytes = TelnetFilter.Strip(bytes);
        }

        // Strip the trailing CR (the LF is gone already); any more CR/LF at the end goes too.
        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\r' or (byte)'\n')
        {
            length--;
        }

        // A line that was only telnet negotiation (Ctrl+C sends IAC IP) is not an empty line.
        if (length == 0 && negotiated)
        {
            return Task.FromResult(true);
        }

        string line;
        try
        {
            line = StrictUtf8.GetString(bytes[..length]);
        }
        catch (DecoderFallbackException)
        {
            RefuseEncoding();
            return Task.FromResult(true);
        }

        return HandleLineAsync(line);
    }
}
