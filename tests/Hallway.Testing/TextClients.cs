using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hallway.Server.Compat.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Testing;

/// <summary>Starting servers with the text gateway's TCP port on a free loopback port.</summary>
public static class TextGatewayServer
{
    public static async Task<(TestServer Server, int Port)> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?> { ["Hallway:Text:Listen"] = "127.0.0.1:0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var server = await TestServer.StartAsync(all, clock: clock);
        var port = await server.App.Services.GetRequiredService<TextListener>().BoundPort;
        Check(port != 0, "the text gateway did not bind a TCP port");
        return (server, port);
    }

    /// <summary>
    /// Asserts one reply line. "{time}" in <paramref name="expected"/> stands for async_chat's
    /// HH:MM:SS; everything else must match byte for byte.
    /// </summary>
    public static void AssertLine(string expected, string actual)
    {
        var pattern = "^" + Regex.Escape(expected).Replace(Regex.Escape("{time}"), @"\d\d:\d\d:\d\d", StringComparison.Ordinal) + "$";
        Check(Regex.IsMatch(actual, pattern), $"expected line '{expected}'\n   got line '{actual}'");
    }

    /// <summary>Hallway.Testing has no xunit: a failed expectation is an exception the test reports.</summary>
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new TranscriptException(message);
        }
    }
}

public sealed class TranscriptException(string message) : Exception(message)
{
}

/// <summary>A telnet/netcat-like TCP client of the text gateway: raw bytes out, lines in.</summary>
public sealed class TextTcpClient : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly Socket _socket;
    private readonly List<byte> _pending = [];
    private readonly byte[] _buffer = new byte[8192];

    private TextTcpClient(Socket socket) => _socket = socket;

    public static async Task<TextTcpClient> ConnectAsync(int port, IPAddress? source = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (source is not null)
        {
            socket.Bind(new IPEndPoint(source, 0));
        }

        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new TextTcpClient(socket);
    }

    /// <summary>Sends one command, ended with CR LF as telnet does.</summary>
    public Task SendAsync(string line) => SendRawAsync(Encoding.UTF8.GetBytes(line + "\r\n"));

    public async Task SendRawAsync(byte[] bytes) => await _socket.SendAsync(bytes);

    /// <summary>The next line without its "\n"; null at EOF. Fails the test after 30 s of silence.</summary>
    public async Task<string?> LineAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var end = _pending.IndexOf((byte)'\n');
            if (end >= 0)
            {
                var line = Encoding.UTF8.GetString([.. _pending.Take(end)]);
                _pending.RemoveRange(0, end + 1);
                return line;
            }

            int read;
            try
            {
                read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                return null; // reset by the server: as good as EOF here
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No line from the text gateway within {Wait.TotalSeconds} s (pending: '{Encoding.UTF8.GetString([.. _pending])}')");
            }

            if (read == 0)
            {
                return null;
            }

            _pending.AddRange(_buffer.AsSpan(0, read).ToArray());
        }
    }

    /// <summary>The next lines are exactly these (see <see cref="TextGatewayServer.AssertLine"/>).</summary>
    public async Task ExpectAsync(params string[] lines)
    {
        foreach (var expected in lines)
        {
            var actual = await LineAsync();
            TextGatewayServer.Check(actual is not null, $"expected '{expected}', got EOF");
            TextGatewayServer.AssertLine(expected, actual!);
        }
    }

    /// <summary>The server closed the connection (after any lines still in flight, which must be none).</summary>
    public async Task ExpectClosedAsync()
    {
        var line = await LineAsync();
        TextGatewayServer.Check(line is null, $"expected the connection closed, got '{line}'");
    }

    /// <summary>
    /// Proves nothing else was sent: asks whoami (or, before login, any command) and expects its
    /// answer as the very next line.
    /// </summary>
    public async Task ExpectQuietAsync(string? name)
    {
        await SendAsync("whoami");
        await ExpectAsync(name is null ? "[ERROR] - First login!" : $"[INFO] - {name}");
    }

    public async Task LoginAsync(string name)
    {
        await SendAsync("login " + name);
        await ExpectAsync($"[SYSTEM INFO] - [{name}] login to chat.");
    }

    /// <summary>Drops the connection with a TCP reset: no logout, no FIN.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A client of the /text WebSocket, as async_chat's page talks to it.</summary>
public sealed class TextWsClient : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ClientWebSocket _socket = new();

    public static async Task<TextWsClient> ConnectAsync(Uri baseAddress)
    {
        var client = new TextWsClient();
        await client._socket.ConnectAsync(new Uri($"ws://{baseAddress.Authority}/text"), CancellationToken.None);
        return client;
    }

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] bytes, WebSocketMessageType type) =>
        await _socket.SendAsync(bytes, type, endOfMessage: true, CancellationToken.None);

    /// <summary>The next frame as (action, message); null once the server closed the socket.</summary>
    public async Task<(string Action, JsonElement Message)?> FrameAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var buffer = new byte[65536];
        var length = 0;
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            }
            catch (WebSocketException)
            {
                return null;
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No frame from /text within {Wait.TotalSeconds} s");
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                TextGatewayServer.Check(result.MessageType == WebSocketMessageType.Text, "a binary frame from /text");
                using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
                var root = json.RootElement.Clone();
                TextGatewayServer.Check(root.EnumerateObject().Count() == 2, $"a frame with more than action and message: {root}");
                return (root.GetProperty("action").GetString()!, root.GetProperty("message"));
            }
        }
    }

    /// <summary>The next frames are responses with exactly these texts ("{time}" as in AssertLine).</summary>
    public async Task ExpectAsync(params string[] messages)
    {
        foreach (var expected in messages)
        {
            var frame = await FrameAsync();
            TextGatewayServer.Check(frame is not null, $"expected '{expected}', got the close");
            TextGatewayServer.Check(frame!.Value.Action == "response", $"expected a response frame '{expected}', got {frame.Value.Action} {frame.Value.Message}");
            TextGatewayServer.AssertLine(expected, frame.Value.Message.GetString()!);
        }
    }

    public async Task<string[]> ExpectListAsync()
    {
        var frame = await FrameAsync();
        TextGatewayServer.Check(frame is not null, "expected a list frame, got the close");
        TextGatewayServer.Check(frame!.Value.Action == "list", $"expected a list frame, got {frame.Value.Action} {frame.Value.Message}");
        return [.. frame.Value.Message.EnumerateArray().Select(e => e.GetString()!)];
    }

    public async Task ExpectClosedAsync()
    {
        var frame = await FrameAsync();
        TextGatewayServer.Check(frame is null, $"expected the close, got {frame?.Message}");
    }

    public void Abort() => _socket.Abort();

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
