using System.Text.Json;

namespace Hallway.Testing;

/// <summary>A registered account with its own signed-in HTTP client.</summary>
public sealed record TestUser(long Id, string Username, string Password, string Token, ApiClient Api)
{
    public static async Task<TestUser> RegisterAsync(Uri baseAddress, string? username = null, string password = "correct horse battery")
    {
        var name = username ?? TestData.Username();
        var anonymous = new ApiClient(baseAddress);
        var response = (await anonymous.PostAsync("/api/auth/register", new { username = name, password, displayName = name.ToUpperInvariant() })).EnsureSuccess();
        var token = response["token"].GetString()!;
        anonymous.Token = token;
        return new TestUser(response["user"].GetProperty("id").GetInt64(), name, password, token, anonymous);
    }

    public Task<WsClient> ConnectAsync() => WsClient.ConnectAsync(Api.BaseAddress, Token);

    /// <summary>A socket that has said hello (replaying from <paramref name="lastEventId"/> when given).</summary>
    public async Task<(WsClient Client, long LastEventId)> OpenAsync(long? lastEventId = null) =>
        await WsClient.OpenAsync(Api.BaseAddress, Token, lastEventId);

    public async Task<long> OpenDirectAsync(TestUser peer) =>
        (await Api.PostAsync("/api/chats/direct", new { userId = peer.Id })).EnsureSuccess()["chat"].GetProperty("id").GetInt64();

    public async Task<long> CreateGroupAsync(string title, params TestUser[] members) =>
        (await Api.PostAsync("/api/chats", new { kind = "group", title, memberIds = members.Select(m => m.Id).ToArray() }))
            .EnsureSuccess()["chat"].GetProperty("id").GetInt64();

    public async Task<JsonElement> SendAsync(long chatId, string text, string? clientId = null) =>
        (await Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = clientId ?? TestData.ClientId(), text }))
            .EnsureSuccess()["message"];
}
