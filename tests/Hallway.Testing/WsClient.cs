using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Hallway.Testing;

/// <summary>
/// A client of Hallway's WebSocket protocol over a real socket. A background loop reads frames,
/// splits them into JSON objects (a server frame may carry several, one per line) and keeps them
/// until a test takes them. Waits have generous time-outs that only guard against hangs.
/// </summary>
public sealed class WsClient : IAsyncDisposable
{
    // A hang guard only: generous, because the whole suite shares two cores and each test server
    // fsyncs its own database.
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket;
    private readonly List<JsonElement> _inbox = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task? _reader;
    private int _nextId;

    private WsClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>Every JSON object received so far, in order (taken or not).</summary>
    public List<JsonElement> History { get; } = [];

    /// <summary>Raw frames as received (to check that events are batched into one frame).</summary>
    public List<string> Frames { get; } = [];

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public WebSocketState State => _socket.State;

    /// <summary>Completes when the server closed the socket or it failed.</summary>
    public Task Closed => _closed.Task;

    public static async Task<WsClient> ConnectAsync(Uri baseAddress, string? token, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        configure?.Invoke(socket.Options);
        var uri = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws", Path = "/ws" }.Uri;
        using var timeout = new CancellationTokenSource(DefaultWait);
        await socket.ConnectAsync(uri, timeout.Token);
        var client = new WsClient(socket);
        client._reader = client.ReadLoopAsync();
        return client;
    }

    /// <summary>Connects and says hello; returns the client and the server's lastEventId.</summary>
    public static async Task<(WsClient Client, long LastEventId)> OpenAsync(Uri baseAddress, string token, long? lastEventId = null)
    {
        var client = await ConnectAsync(baseAddress, token);
        var ok = await client.RequestOkAsync("hello", lastEventId is null ? new { } : new { lastEventId });
        return (client, ok.GetProperty("lastEventId").GetInt64());
    }

    public async Task SendTextAsync(string text) => await SendBytesAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendBytesAsync(byte[] bytes, WebSocketMessageType type)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, type, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends {type, id, data} and returns the whole answer (type ok or error).</summary>
    public async Task<JsonElement> RequestAsync(string type, object? data)
    {
        var id = "r" + Interlocked.Increment(ref _nextId);
        await SendTextAsync(JsonSerializer.Serialize(new { type, id, data }, Wire.Options));
        return await TakeAsync(e => e.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String && i.GetString() == id);
    }

    /// <summary>Sends a request and returns its data, failing the test on an error answer.</summary>
    public async Task<JsonElement> RequestOkAsync(string type, object? data)
    {
        var answer = await RequestAsync(type, data);
        if (answer.GetProperty("type").GetString() != "ok")
        {
            throw new InvalidOperationException($"{type} failed: {answer}");
        }

        return answer.GetProperty("data");
    }

    /// <summary>The error code of a request expected to fail.</summary>
    public async Task<string> RequestErrorAsync(string type, object? data)
    {
        var answer = await RequestAsync(type, data);
        if (answer.GetProperty("type").GetString() != "error")
        {
            throw new InvalidOperationException($"{type} was expected to fail: {answer}");
        }

        return answer.GetProperty("data").GetProperty("code").GetString()!;
    }

    /// <summary>Takes the next event of the given type (and optional condition on its payload).</summary>
    public async Task<JsonElement> NextEventAsync(string eventType, Func<JsonElement, bool>? where = null, TimeSpan? wait = null) =>
        (await TakeAsync(
            e => e.GetProperty("type").GetString() == "event" &&
                 e.GetProperty("data").GetProperty("type").GetString() == eventType &&
                 (where is null || where(e.GetProperty("data").GetProperty("payload"))),
            wait)).GetProperty("data");

    /// <summary>Takes (removes) the first received object matching, waiting for it to arrive.</summary>
    public async Task<JsonElement> TakeAsync(Func<JsonElement, bool> match, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? DefaultWait);
        while (true)
        {
            lock (_lock)
            {
                var index = _inbox.FindIndex(e => match(e));
                if (index >= 0)
                {
                    var found = _inbox[index];
                    _inbox.RemoveAt(index);
                    return found;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || (_closed.Task.IsCompleted && !await _arrived.WaitAsync(0)))
            {
                throw new TimeoutException($"No matching frame arrived. Unconsumed: {string.Join(" | ", Pending().Take(10))}; close: {CloseStatus} {CloseDescription}");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>All events received so far and not taken, oldest first.</summary>
    public List<JsonElement> PendingEvents()
    {
        lock (_lock)
        {
            return [.. _inbox.Where(e => e.GetProperty("type").GetString() == "event").Select(e => e.GetProperty("data"))];
        }
    }

    public List<JsonElement> Pending()
    {
        lock (_lock)
        {
            return [.. _inbox];
        }
    }

    /// <summary>Closes politely and waits for the server's close frame.</summary>
    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(DefaultWait);
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }

        await WaitClosedAsync();
    }

    /// <summary>Drops the TCP connection without a close frame, like a pulled cable.</summary>
    public async Task AbortAsync()
    {
        _socket.Abort();
        await WaitClosedAsync();
    }

    public async Task WaitClosedAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        await _closed.Task.WaitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        if (_reader is not null)
        {
            await _reader;
        }

        _socket.Dispose();
    }

    /// <summary>Completes the closing handshake the server started, as a well-behaved client does.</summary>
    private async Task AnswerCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            await _sendLock.WaitAsync();
            try
            {
                using var timeout = new CancellationTokenSource(DefaultWait);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await AnswerCloseAsync();
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var text = Encoding.UTF8.GetString(message.ToArray());
                var parsed = text.Split('\n').Select(line =>
                {
                    using var document = JsonDocument.Parse(line);
                    return document.RootElement.Clone();
                }).ToList();
                lock (_lock)
                {
                    Frames.Add(text);
                    History.AddRange(parsed);
                    _inbox.AddRange(parsed);
                }

                _arrived.Release(parsed.Count);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _closed.TrySetResult();
            _arrived.Release();
        }
    }
}
