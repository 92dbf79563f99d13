using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Hallway.Cli.Bench;

/// <summary>
/// A lean client of the WebSocket protocol for measuring: it counts message.created events and
/// times the answers to its own sends. Not a general client (the tests have that).
/// </summary>
internal sealed class BenchClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<string, long> _sentAt = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _window;
    private readonly TaskCompletionSource _helloDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _reader;
    private long _delivered;

    public BenchClient(int window) => _window = new SemaphoreSlim(window);

    public long Delivered => Interlocked.Read(ref _delivered);

    public List<double> AckMilliseconds { get; } = [];

    public async Task ConnectAsync(Uri baseAddress, string token, CancellationToken cancellationToken)
    {
        _socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await _socket.ConnectAsync(new UriBuilder(baseAddress) { Scheme = "ws", Path = "/ws" }.Uri, cancellationToken);
        _reader = ReadLoopAsync();
        await SendAsync("""{"type":"hello","id":"hello","data":{}}""", cancellationToken);
        await _helloDone.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends a message, waiting only while the client already has a full window in flight.</summary>
    public async Task SendMessageAsync(long chatId, string id, string text, CancellationToken cancellationToken)
    {
        await _window.WaitAsync(cancellationToken);
        lock (_lock)
        {
            _sentAt[id] = Stopwatch.GetTimestamp();
        }

        var frame = $$$"""{"type":"send","id":"{{{id}}}","data":{"chatId":{{{chatId}}},"clientId":"{{{id}}}","text":{{{JsonSerializer.Serialize(text)}}}}}""";
        await SendAsync(frame, cancellationToken);
    }

    /// <summary>Waits until every send has been answered.</summary>
    public async Task DrainAsync(int window, CancellationToken cancellationToken)
    {
        for (var i = 0; i < window; i++)
        {
            await _window.WaitAsync(cancellationToken);
        }

        _window.Release(window);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Abort();
        if (_reader is not null)
        {
            await _reader;
        }

        _socket.Dispose();
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);

    private async Task ReadLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                buffer.Clear();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                foreach (var line in Encoding.UTF8.GetString(buffer.WrittenSpan).Split('\n'))
                {
                    Handle(line);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private void Handle(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var type = root.GetProperty("type").GetString();
        if (type == "event")
        {
            if (root.GetProperty("data").GetProperty("type").GetString() == "message.created")
            {
                Interlocked.Increment(ref _delivered);
            }

            return;
        }

        if (type is not ("ok" or "error") || root.GetProperty("id").GetString() is not { } id)
        {
            return;
        }

        if (id == "hello")
        {
            _helloDone.TrySetResult();
            return;
        }

        lock (_lock)
        {
            if (_sentAt.Remove(id, out var started))
            {
                AckMilliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        _window.Release();
    }
}
