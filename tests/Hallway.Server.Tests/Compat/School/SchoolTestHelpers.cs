using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.School;

/// <summary>A school desktop client's user: REST with its bearer token, and its /ws/{user_id} sockets.</summary>
public sealed record SchoolUser(long Id, string Username, string Token, ApiClient Api);

public static class School
{
    public const string Password = "school password 1";

    public static async Task<SchoolUser> SignUpAsync(this TestServer server, string? name = null)
    {
        var username = name ?? "s" + Guid.NewGuid().ToString("N")[..10];
        var anonymous = server.Anonymous();
        var registered = await anonymous.PostAsync("/auth/register", new { username, password = Password });
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        var login = await anonymous.PostAsync("/auth/login", new { username, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.Status);
        var token = login.Json.GetProperty("access_token").GetString()!;
        return new SchoolUser(registered.Json.GetProperty("id").GetInt64(), username, token, new ApiClient(server.BaseAddress, token));
    }

    public static string Detail(this ApiResponse response) => response.Json.GetProperty("detail").GetString()!;

    public static void AssertDetail(this ApiResponse response, HttpStatusCode status, string detail)
    {
        Assert.True(status == response.Status, $"expected {(int)status}, got {(int)response.Status}: {response.Text}");
        Assert.Equal(detail, response.Detail());
    }

    public static void Assert422(this ApiResponse response, string type)
    {
        Assert.True(response.Status == HttpStatusCode.UnprocessableEntity, $"expected 422, got {(int)response.Status}: {response.Text}");
        Assert.Contains(response.Json.GetProperty("detail").EnumerateArray(), e => e.GetProperty("type").GetString() == type);
    }

    public static Task<ApiResponse> SendAsync(this SchoolUser user, long receiverId, string content, string type = "text", string? fileData = null) =>
        user.Api.PostAsync("/messages", new { content, receiver_id = receiverId, message_type = type, file_data = fileData });
}

/// <summary>A raw /ws/{user_id} socket as the desktop client opens it (no token unless given).</summary>
public sealed class SchoolSocket : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ClientWebSocket _socket = new();

    public static async Task<SchoolSocket> ConnectAsync(Uri baseAddress, long userId, string? token = null)
    {
        var socket = new SchoolSocket();
        var uri = new Uri($"ws://{baseAddress.Authority}/ws/{userId}" + (token is null ? string.Empty : $"?token={token}"));
        await socket._socket.ConnectAsync(uri, CancellationToken.None);
        return socket;
    }

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next text frame (bounded wait).</summary>
    public async Task<string> ReceiveAsync()
    {
        using var cancel = new CancellationTokenSource(Wait);
        var buffer = new byte[1 << 20];
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"socket closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }

    /// <summary>Skips frames until one is JSON matching <paramref name="match"/>; bounded by the frames that arrive.</summary>
    public async Task<JsonElement> NextAsync(Func<JsonElement, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            var text = await ReceiveAsync();
            if (text != "pong")
            {
                var json = JsonDocument.Parse(text).RootElement.Clone();
                if (match(json))
                {
                    return json;
                }
            }
        }

        throw new InvalidOperationException("no matching frame");
    }

    /// <summary>The sentinel: a ping answered; returns every frame that came before its pong.</summary>
    public async Task<List<string>> DrainAsync()
    {
        await SendAsync("ping");
        var before = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var text = await ReceiveAsync();
            if (text == "pong")
            {
                return before;
            }

            before.Add(text);
        }

        throw new InvalidOperationException("no pong");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancel.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Dispose();
    }
}
