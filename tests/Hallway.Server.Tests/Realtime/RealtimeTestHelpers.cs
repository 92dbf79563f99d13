using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Realtime;

/// <summary>
/// Shared helpers of the realtime tests: reading events off a <see cref="WsClient"/> in arrival
/// order, HTTP look-ups of what the server stored, and a raw socket for clients that misbehave.
/// Every wait is bounded in count and time and is only a guard against hangs.
/// </summary>
internal static class Rt
{
    /// <summary>Hang guard for multi-step collections (larger than one WsClient wait).</summary>
    public static readonly TimeSpan LongWait = TimeSpan.FromSeconds(60);

    public static string TypeOf(JsonElement frame) => frame.GetProperty("type").GetString()!;

    public static bool IsEvent(JsonElement frame) => TypeOf(frame) == "event";

    /// <summary>True for the answer to the request with this id.</summary>
    public static bool HasId(JsonElement frame, string id) =>
        frame.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == id;

    public static long IdOf(JsonElement evt) => evt.GetProperty("id").GetInt64();

    public static string EventType(JsonElement evt) => evt.GetProperty("type").GetString()!;

    public static long? ChatOf(JsonElement evt) =>
        evt.GetProperty("chatId").ValueKind == JsonValueKind.Number ? evt.GetProperty("chatId").GetInt64() : null;

    public static JsonElement MessageOf(JsonElement evt) => evt.GetProperty("payload").GetProperty("message");

    public static string TextOf(JsonElement evt) => MessageOf(evt).GetProperty("text").GetString()!;

    public static bool IsCreatedIn(JsonElement evt, long chatId) =>
        EventType(evt) == "message.created" && ChatOf(evt) == chatId;

    /// <summary>The texts of message.created events of one chat, in the order given.</summary>
    public static List<string> CreatedTexts(IEnumerable<JsonElement> events, long chatId) =>
        [.. events.Where(e => IsCreatedIn(e, chatId)).Select(TextOf)];

    /// <summary>A send request body with a fresh clientId unless one is given.</summary>
    public static object Send(long chatId, string text, string? clientId = null) =>
        new { chatId, clientId = clientId ?? TestData.ClientId(), text };

    /// <summary>
    /// Takes events (only events: answers stay for their requests) in arrival order until
    /// <paramref name="done"/> holds for the list taken so far.
    /// </summary>
    public static async Task<List<JsonElement>> TakeEventsUntilAsync(WsClient client, Func<IReadOnlyList<JsonElement>, bool> done, int maxEvents = 5000, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? LongWait);
        var taken = new List<JsonElement>();
        while (!done(taken))
        {
            if (taken.Count >= maxEvents)
            {
                throw new InvalidOperationException($"Took {taken.Count} events without reaching the condition.");
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Condition not reached after {taken.Count} events.");
            }

            taken.Add((await client.TakeAsync(IsEvent, left)).GetProperty("data"));
        }

        return taken;
    }

    /// <summary>Takes events until the message.created of <paramref name="text"/> in the chat arrived; returns all taken.</summary>
    public static Task<List<JsonElement>> TakeEventsThroughTextAsync(WsClient client, long chatId, string text, int maxEvents = 5000) =>
        TakeEventsUntilAsync(client, taken => taken.Count > 0 && IsCreatedIn(taken[^1], chatId) && TextOf(taken[^1]) == text, maxEvents);

    /// <summary>Takes events until every text was created in the chat at least once; returns all taken.</summary>
    public static Task<List<JsonElement>> TakeEventsUntilTextsAsync(WsClient client, long chatId, IReadOnlyCollection<string> texts, int maxEvents = 5000)
    {
        var seen = new HashSet<string>();
        var counted = 0;
        return TakeEventsUntilAsync(
            client,
            taken =>
            {
                for (; counted < taken.Count; counted++)
                {
                    if (IsCreatedIn(taken[counted], chatId))
                    {
                        seen.Add(TextOf(taken[counted]));
                    }
                }

                return texts.All(seen.Contains);
            },
            maxEvents);
    }

    public static void AssertStrictlyIncreasing(IReadOnlyList<long> values, string what)
    {
        for (var i = 1; i < values.Count; i++)
        {
            Assert.True(values[i] > values[i - 1], $"{what} not strictly increasing at {i}: {values[i - 1]} then {values[i]} (all: {string.Join(",", values)})");
        }
    }

    /// <summary>Each expected text exactly once, nothing else.</summary>
    public static void AssertEachOnce(IEnumerable<string> expected, IReadOnlyList<string> actual)
    {
        var duplicates = actual.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(duplicates.Count == 0, "Duplicated: " + string.Join(", ", duplicates));
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    /// <summary>The chat's messages as stored, via HTTP (up to 100, oldest first).</summary>
    public static async Task<List<JsonElement>> HistoryAsync(TestUser member, long chatId)
    {
        var response = (await member.Api.GetAsync($"/api/chats/{chatId}/messages?limit=100")).EnsureSuccess();
        return [.. response["messages"].EnumerateArray()];
    }

    /// <summary>The user's events from the log after <paramref name="after"/> (GET /api/events, every page).</summary>
    public static async Task<List<JsonElement>> LoggedEventsAsync(TestUser user, long after)
    {
        var all = new List<JsonElement>();
        for (var page = 0; page < 100; page++)
        {
            var response = (await user.Api.GetAsync($"/api/events?after={after}&limit=500")).EnsureSuccess();
            var events = response["events"].EnumerateArray().ToList();
            all.AddRange(events);
            if (events.Count < 500)
            {
                return all;
            }

            after = IdOf(events[^1]);
        }

        throw new InvalidOperationException("Too many pages of events.");
    }

    /// <summary>Registers users a few at a time (password hashing is slow on two cores).</summary>
    public static async Task<TestUser[]> RegisterManyAsync(TestServer server, int count)
    {
        using var gate = new SemaphoreSlim(4);
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                return await server.RegisterAsync();
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return await Task.WhenAll(tasks);
    }

    /// <summary>Alice and Bob with a direct chat, and a socket of Alice's that has said hello.</summary>
    public static async Task<(TestUser Alice, long ChatId, WsClient Socket)> DirectChatAndSocketAsync(TestServer server)
    {
        var alice = await server.RegisterAsync();
        var bob = await server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var (socket, _) = await alice.OpenAsync();
        return (alice, chatId, socket);
    }

    /// <summary>A second session of the same account (its own token).</summary>
    public static async Task<TestUser> SignInAgainAsync(TestUser user)
    {
        var api = new ApiClient(user.Api.BaseAddress);
        var response = (await api.PostAsync("/api/auth/login", new { username = user.Username, password = user.Password })).EnsureSuccess();
        api.Token = response["token"].GetString();
        return user with { Token = api.Token!, Api = api };
    }

    /// <summary>Polls a condition (a hang guard, not a timing assertion).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? WsClient.DefaultWait);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Still not true: " + what);
            }

            await Task.Delay(50);
        }
    }

    public static Uri WsUri(Uri baseAddress) => new UriBuilder(baseAddress) { Scheme = "ws", Path = "/ws" }.Uri;

    /// <summary>
    /// A bare ClientWebSocket that nobody reads from unless the test does. With
    /// <paramref name="receiveBufferBytes"/> the TCP receive buffer is kept small, so a client that
    /// stops reading fills the server's queue quickly.
    /// </summary>
    public static async Task<ClientWebSocket> ConnectRawAsync(Uri baseAddress, string? token, int? receiveBufferBytes = null, Action<Socket>? onConnected = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        using var timeout = new CancellationTokenSource(WsClient.DefaultWait);
        if (receiveBufferBytes is not null || onConnected is not null)
        {
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    if (receiveBufferBytes is int size)
                    {
                        tcp.ReceiveBufferSize = size;
                    }

                    try
                    {
                        await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        onConnected?.Invoke(tcp);
                        return new NetworkStream(tcp, ownsSocket: true);
                    }
                    catch
                    {
                        tcp.Dispose();
                        throw;
                    }
                },
            };
            using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
            await socket.ConnectAsync(WsUri(baseAddress), invoker, timeout.Token);
        }
        else
        {
            await socket.ConnectAsync(WsUri(baseAddress), timeout.Token);
        }

        return socket;
    }

    /// <summary>
    /// Waits until the server has closed (or reset) the TCP connection under a raw socket: the
    /// server then has stopped reading, after everything the client sent before.
    /// </summary>
    public static async Task WaitServerHungUpAsync(Socket tcp, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? WsClient.DefaultWait);
        while (!(tcp.Poll(0, SelectMode.SelectRead) && tcp.Available == 0))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The server kept the connection open.");
            }

            await Task.Delay(20);
        }
    }

    public static Task SendJsonAsync(ClientWebSocket socket, object frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(frame, Wire.Options)), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>One whole message as text, or null when the server closed the socket.</summary>
    public static async Task<string?> ReceiveTextAsync(ClientWebSocket socket, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? WsClient.DefaultWait);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }

    /// <summary>Splits a server frame into its JSON objects (one per line).</summary>
    public static List<JsonElement> SplitFrame(string frame) =>
        [.. frame.Split('\n').Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        })];

    /// <summary>Status code and ProblemDetails code of a plain (non-upgrade) GET /ws.</summary>
    public static async Task<(HttpStatusCode Status, string? Code)> PlainGetWsAsync(Uri baseAddress, string? authorization)
    {
        using var api = new ApiClient(baseAddress);
        if (authorization is not null)
        {
            api.Http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await api.GetAsync("/ws");
        return (response.Status, response.Code);
    }
}

/// <summary>Several open sockets, disposed together.</summary>
internal sealed class SocketSet : IAsyncDisposable
{
    public List<WsClient> Clients { get; } = [];

    public WsClient Add(WsClient client)
    {
        lock (Clients)
        {
            Clients.Add(client);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            await client.DisposeAsync();
        }
    }
}

/// <summary>
/// A client that reads only when told to: its TCP receive buffer is small, so while it does not
/// read, the server's outgoing queue for it fills up. Keeps every event it read, in order.
/// </summary>
internal sealed class SlowClient : IAsyncDisposable
{
    private SlowClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>Events read so far (their data objects), in arrival order.</summary>
    public List<JsonElement> Events { get; } = [];

    /// <summary>Set when the connection dropped without a close frame.</summary>
    public WebSocketException? Dropped { get; private set; }

    public int? CloseStatus => (int?)Socket.CloseStatus;

    public static async Task<SlowClient> ConnectAsync(Uri baseAddress, string token) =>
        new(await Rt.ConnectRawAsync(baseAddress, token, receiveBufferBytes: 4096));

    /// <summary>Says hello and reads up to its answer; returns the answer.</summary>
    public async Task<JsonElement> HelloAsync(long? lastEventId = null)
    {
        await Rt.SendJsonAsync(Socket, new { type = "hello", id = "hello", data = lastEventId is null ? new { } : (object)new { lastEventId } });
        for (var frames = 0; frames < 10_000; frames++)
        {
            var text = await Rt.ReceiveTextAsync(Socket) ?? throw new InvalidOperationException($"Closed before hello's answer: {Socket.CloseStatus}");
            foreach (var item in Rt.SplitFrame(text))
            {
                if (Rt.HasId(item, "hello"))
                {
                    return item;
                }

                Keep(item);
            }
        }

        throw new InvalidOperationException("No answer to hello.");
    }

    /// <summary>Reads everything until the server closes (or the connection drops).</summary>
    public async Task ReadUntilClosedAsync(int maxFrames = 20_000)
    {
        var deadline = DateTime.UtcNow + Rt.LongWait;
        for (var frames = 0; frames < maxFrames && DateTime.UtcNow < deadline; frames++)
        {
            string? text;
            try
            {
                text = await Rt.ReceiveTextAsync(Socket);
            }
            catch (WebSocketException e)
            {
                Dropped = e;
                return;
            }

            if (text is null)
            {
                return;
            }

            foreach (var item in Rt.SplitFrame(text))
            {
                Keep(item);
            }
        }

        throw new TimeoutException($"Not closed after reading {Events.Count} events.");
    }

    public ValueTask DisposeAsync()
    {
        Socket.Abort();
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(JsonElement item)
    {
        if (Rt.IsEvent(item))
        {
            Events.Add(item.GetProperty("data"));
        }
    }
}
