using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Small helpers shared by the HTTP API tests: problem assertions, chats, history and the event log.</summary>
internal static class ApiTestHelpers
{
    public const string Password = "correct horse battery";

    /// <summary>Asserts an RFC 9457 problem with the given status and stable code.</summary>
    public static void AssertProblem(this ApiResponse response, HttpStatusCode status, string code)
    {
        Assert.True(
            response.Status == status && response.Code == code,
            $"Expected {(int)status} '{code}', got {(int)response.Status} '{response.Code}': {Clip(response.Text)}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.False(string.IsNullOrWhiteSpace(response.Json.TryGetProperty("detail", out var detail) ? detail.GetString() : null), "A problem always has a detail: " + response.Text);
    }

    public static void AssertStatus(this ApiResponse response, HttpStatusCode status) =>
        Assert.True(response.Status == status, $"Expected {(int)status}, got {(int)response.Status}: {Clip(response.Text)}");

    public static long Long(this JsonElement e, string property) => e.GetProperty(property).GetInt64();

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    public static bool IsNull(this JsonElement e, string property) => e.GetProperty(property).ValueKind == JsonValueKind.Null;

    public static JsonElement[] Items(this JsonElement array) => [.. array.EnumerateArray()];

    /// <summary>A client that carries only this bearer token (no cookies from earlier responses).</summary>
    public static ApiClient Client(this TestServer server, string token) => new(server.BaseAddress, token);

    public static async Task<string> LoginAsync(this TestServer server, string username, string password = Password)
    {
        using var anonymous = server.Anonymous();
        var response = await anonymous.PostAsync("/api/auth/login", new { username, password });
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.Str("token");
    }

    public static async Task<long> CreateChatAsync(this TestUser owner, string kind, params TestUser[] members)
    {
        var response = await owner.Api.PostAsync("/api/chats", new { kind, title = $"{kind} {Guid.NewGuid():N}", memberIds = members.Select(m => m.Id).ToArray() });
        response.AssertStatus(HttpStatusCode.Created);
        return response["chat"].Long("id");
    }

    public static async Task SetRoleAsync(this TestUser owner, long chatId, TestUser member, string role) =>
        (await owner.Api.PutAsync($"/api/chats/{chatId}/members/{member.Id}/role", new { role })).AssertStatus(HttpStatusCode.NoContent);

    public static async Task<JsonElement[]> ChatsAsync(this TestUser user)
    {
        var response = await user.Api.GetAsync("/api/chats");
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.Items();
    }

    /// <summary>The caller's row for the chat in GET /api/chats, or null when the list does not show it.</summary>
    public static async Task<JsonElement?> ChatRowAsync(this TestUser user, long chatId)
    {
        foreach (var row in await user.ChatsAsync())
        {
            if (row.GetProperty("chat").Long("id") == chatId)
            {
                return row;
            }
        }

        return null;
    }

    public static async Task<JsonElement[]> MembersAsync(this TestUser viewer, long chatId)
    {
        var response = await viewer.Api.GetAsync($"/api/chats/{chatId}/members");
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.Items();
    }

    /// <summary>The member's role as the viewer sees it in the member list, or null when not a member.</summary>
    public static async Task<string?> RoleOfAsync(this TestUser viewer, long chatId, TestUser member) =>
        (await viewer.MembersAsync(chatId)).Where(m => m.Long("userId") == member.Id).Select(m => m.Str("role")).SingleOrDefault();

    public static async Task<long> LobbyIdAsync(this TestUser user) =>
        (await user.ChatsAsync()).Single(c => c.GetProperty("chat").Str("kind") == "lobby").GetProperty("chat").Long("id");

    public static async Task<JsonElement[]> HistoryAsync(this TestUser user, long chatId, string query = "")
    {
        var response = await user.Api.GetAsync($"/api/chats/{chatId}/messages{query}");
        response.AssertStatus(HttpStatusCode.OK);
        return response["messages"].Items();
    }

    public static async Task<string[]> TextsAsync(this TestUser user, long chatId) =>
        [.. (await user.HistoryAsync(chatId)).Select(m => m.Str("text"))];

    public static async Task<JsonElement> MessageAsync(this TestUser user, long messageId)
    {
        var response = await user.Api.GetAsync($"/api/messages/{messageId}");
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json;
    }

    /// <summary>The id of the newest event the user can see: later events are "new".</summary>
    public static async Task<long> CursorAsync(this TestUser user)
    {
        long cursor = 0;
        while (true)
        {
            var page = await user.Api.GetAsync($"/api/events?after={cursor}");
            page.AssertStatus(HttpStatusCode.OK);
            cursor = page.Json.Long("lastEventId");
            if (page["events"].GetArrayLength() < 500)
            {
                return cursor;
            }
        }
    }

    /// <summary>Every event of the user after <paramref name="cursor"/>, oldest first.</summary>
    public static async Task<List<JsonElement>> EventsAfterAsync(this TestUser user, long cursor)
    {
        var all = new List<JsonElement>();
        while (true)
        {
            var page = await user.Api.GetAsync($"/api/events?after={cursor}");
            page.AssertStatus(HttpStatusCode.OK);
            var events = page["events"].Items();
            all.AddRange(events);
            cursor = page.Json.Long("lastEventId");
            if (events.Length < 500)
            {
                return all;
            }
        }
    }

    /// <summary>The user's new events about this chat, or addressed to the user alone.</summary>
    public static async Task<List<JsonElement>> NewEventsAsync(this TestUser user, long cursor, long chatId) =>
        [.. (await user.EventsAfterAsync(cursor)).Where(e =>
            (e.GetProperty("chatId").ValueKind == JsonValueKind.Number && e.Long("chatId") == chatId) ||
            (e.GetProperty("userId").ValueKind == JsonValueKind.Number && e.Long("userId") == user.Id))];

    /// <summary>Asserts that no event about the chat (or to the user) was logged after the cursor.</summary>
    public static async Task AssertNoNewEventsAsync(this TestUser user, long cursor, long chatId)
    {
        var events = await user.NewEventsAsync(cursor, chatId);
        Assert.True(events.Count == 0, "Unexpected events: " + string.Join(" | ", events.Select(e => e.GetRawText())));
    }

    public static string Reaction(long messageId, string emoji) =>
        $"/api/messages/{messageId}/reactions/{Uri.EscapeDataString(emoji)}";

    private static string Clip(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
