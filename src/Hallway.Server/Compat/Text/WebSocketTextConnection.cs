using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hallway.Server.Compat.Text;

/// <summary>
/// async_chat over the /text WebSocket: one text frame is one command; each reply is a frame
/// <c>{"action":"response","message":"..."}</c>, and the reply to <c>/userlist</c> is
/// <c>{"action":"list","message":[...]}</c>. async_chat's page puts the message into innerHTML,
/// so the text is HTML-escaped here (names need no escaping: see GuestNames).
/// </summary>
public sealed class WebSocketTextConnection(WebSocket socket, TextRoom room, string address) : TextConnection(room, address, "web")
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override async Task ReadLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxLineBytes + 1);
        Task<ValueWebSocketReceiveResult>? receive = null;
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    // Not cancelled through the receive itself: that aborts the WebSocket, and a
                    // connection ended by the server (revoked, idle) still owes its last lines and
                    // a close frame. The receive is left pending; the close answers it.
                    receive = socket.ReceiveAsync(buffer.AsMemory(length, buffer.Length - length), CancellationToken.None).AsTask();
                    result = await receive.WaitAsync(Reading);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    length += result.Count;
                    if (length > MaxLineBytes)
                    {
                        RefuseLength();
                        return;
                    }
                }
                while (!result.EndOfMessage);

                if (result.MessageType != WebSocketMessageType.Text)
                {
                    Send(TextReply.Error("Send commands as text frames!"));
                    continue;
                }

                // The WebSocket layer already fails a text frame that is not UTF-8 (close 1007);
                // decoding strictly again keeps replacement characters out of stored text whatever
                // that layer does.
                string line;
                try
                {
                    line = StrictUtf8.GetString(buffer, 0, length).TrimEnd('\r', '\n');
                }
                catch (DecoderFallbackException)
                {
                    RefuseEncoding();
                    continue;
                }

                if (!await HandleLineAsync(line))
                {
                    return;
                }
            }
        }
        finally
        {
            // A receive still pending may yet write into the buffer: then it is not the pool's again.
            if (receive is null || receive.IsCompleted)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    protected override ValueTask WriteAsync(TextReply reply) => socket.SendAsync(new ReadOnlyMemory<byte>(Frame(reply)), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>One message per line, as async_chat's page expects; the frames are the event's shared ones.</summary>
    protected override async ValueTask WriteAsync(TextLines lines)
    {
        foreach (var frame in lines.Frames(Frame))
        {
            await socket.SendAsync(new ReadOnlyMemory<byte>(frame), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
    }

    private static byte[] Frame(TextReply reply)
    {
        var frame = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(frame, WriterOptions))
        {
            json.WriteStartObject();
            if (reply.Kind == TextReplyKind.List)
            {
                json.WriteString("action", "list");
                json.WriteStartArray("message");
                foreach (var name in reply.Names!)
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteString("action", "response");
                json.WriteString("message", HtmlEscape(reply.Line()));
            }

            json.WriteEndObject();
        }

        return frame.WrittenSpan.ToArray();
    }

    protected override async Task CloseTransportAsync()
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    protected override void Abort() => socket.Abort();

    private static string HtmlEscape(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\"'") < 0)
        {
            return text;
        }

        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
    }
}
