using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>
/// A non-member can do nothing with a chat over HTTP: chat routes answer 403 not_member, message
/// routes answer 404 message_not_found (foreign and unknown messages look alike), and nothing is stored.
/// </summary>
public sealed class AccessControlApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private sealed record Setup(TestUser Owner, TestUser Member, TestUser Outsider, long ChatId, JsonElement Message, long Cursor);

    private async Task<Setup> SetupAsync(string kind = "group")
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var outsider = await Server.RegisterAsync();
        var chatId = kind == "direct" ? await owner.OpenDirectAsync(member) : await owner.CreateChatAsync(kind, member);
        var message = await (kind == "channel" ? owner : member).SendAsync(chatId, "members only"); // only admins post in a channel
        return new Setup(owner, member, outsider, chatId, message, await owner.CursorAsync());
    }

    /// <summary>The chat is exactly as it was: one untouched message, same members, no new events.</summary>
    private static async Task AssertUntouchedAsync(Setup s)
    {
        var history = await s.Owner.HistoryAsync(s.ChatId);
        var only = Assert.Single(history);
        Assert.Equal("members only", only.Str("text"));
        Assert.True(only.IsNull("editedAt"));
        Assert.True(only.IsNull("deletedAt"));
        Assert.Empty(only.GetProperty("reactions").Items());
        var members = (await s.Owner.Api.GetAsync($"/api/chats/{s.ChatId}/members")).Json.Items();
        Assert.Equal(new[] { s.Owner.Id, s.Member.Id }.Order(), members.Select(m => m.Long("userId")).Order());
        Assert.All(members, m => Assert.Equal(m.Long("userId") == s.Message.Long("senderId") ? 1 : 0, m.Long("readSeq")));
        await s.Owner.AssertNoNewEventsAsync(s.Cursor, s.ChatId);
        Assert.Null(await s.Outsider.ChatRowAsync(s.ChatId));
    }

    [Theory]
    [InlineData("group")]
    [InlineData("channel")]
    [InlineData("direct")]
    public async Task NonMember_ChatRoutes_AreRejectedWithNotMemberAndStoreNothing(string kind)
    {
        var s = await SetupAsync(kind);
        var api = s.Outsider.Api;
        var chat = $"/api/chats/{s.ChatId}";

        (await api.GetAsync(chat)).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.GetAsync($"{chat}/messages")).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.GetAsync($"{chat}/messages?after=0")).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.PostAsync($"{chat}/messages", new { clientId = TestData.ClientId(), text = "let me in" })).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.PostAsync($"{chat}/read", new { seq = 1 })).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.GetAsync($"{chat}/members")).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.GetAsync($"/api/search?q=members&chatId={s.ChatId}")).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.PostAsync($"{chat}/typing")).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.PutAsync($"{chat}/mute", new { muted = true })).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.DeleteAsync(chat)).AssertProblem(HttpStatusCode.Forbidden, "not_member");

        await AssertUntouchedAsync(s);
    }

    [Fact]
    public async Task NonMember_CannotManageTheChat()
    {
        var s = await SetupAsync();
        var api = s.Outsider.Api;
        var chat = $"/api/chats/{s.ChatId}";

        (await api.PatchAsync(chat, new { title = "taken over" })).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.PostAsync($"{chat}/members", new { userIds = new[] { s.Outsider.Id } })).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.DeleteAsync($"{chat}/members/{s.Member.Id}")).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await api.PutAsync($"{chat}/members/{s.Member.Id}/role", new { role = "admin" })).AssertProblem(HttpStatusCode.Forbidden, "not_member");

        await AssertUntouchedAsync(s);
        Assert.NotEqual("taken over", (await s.Owner.Api.GetAsync(chat))["chat"].Str("title"));
    }

    [Theory]
    [InlineData("group")]
    [InlineData("direct")]
    public async Task NonMember_MessageRoutes_Are404MessageNotFoundAndStoreNothing(string kind)
    {
        var s = await SetupAsync(kind);
        var api = s.Outsider.Api;
        var message = $"/api/messages/{s.Message.Long("id")}";

        (await api.GetAsync(message)).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        (await api.PatchAsync(message, new { text = "defaced" })).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        (await api.DeleteAsync(message)).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        (await api.PutAsync(ApiTestHelpers.Reaction(s.Message.Long("id"), "👎"))).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        (await api.DeleteAsync(ApiTestHelpers.Reaction(s.Message.Long("id"), "👎"))).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        (await api.GetAsync($"{message}/readers")).AssertProblem(HttpStatusCode.NotFound, "message_not_found");

        await AssertUntouchedAsync(s);
    }

    [Fact]
    public async Task NonMember_ReplyingToAForeignMessageFromTheirOwnChat_IsRejected()
    {
        var s = await SetupAsync();
        var ownChat = await s.Outsider.CreateChatAsync("group");

        (await s.Outsider.Api.PostAsync($"/api/chats/{ownChat}/messages", new { clientId = TestData.ClientId(), text = "quoting", replyToId = s.Message.Long("id") }))
            .AssertProblem(HttpStatusCode.BadRequest, "reply_not_found");

        Assert.Empty(await s.Outsider.HistoryAsync(ownChat));
    }

    [Fact]
    public async Task NonMember_SearchWithoutChatId_DoesNotSeeTheChat()
    {
        var s = await SetupAsync();
        var marker = "acl" + Guid.NewGuid().ToString("N")[..12];
        await s.Member.SendAsync(s.ChatId, $"hidden {marker}");

        var found = await s.Outsider.Api.GetAsync($"/api/search?q={marker}");

        found.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(found["messages"].Items());
        Assert.Single((await s.Owner.Api.GetAsync($"/api/search?q={marker}"))["messages"].Items());
    }

    [Fact]
    public async Task NonMember_EventLogHasNothingOfTheChat()
    {
        var s = await SetupAsync();
        var events = await s.Outsider.EventsAfterAsync(0);
        Assert.DoesNotContain(events, e => e.GetProperty("chatId").ValueKind == JsonValueKind.Number && e.Long("chatId") == s.ChatId);
    }

    [Fact]
    public async Task RemovedMember_LosesAccessToHistoryAndMessages()
    {
        var s = await SetupAsync();
        (await s.Owner.Api.DeleteAsync($"/api/chats/{s.ChatId}/members/{s.Member.Id}")).AssertStatus(HttpStatusCode.NoContent);
        var cursor = await s.Owner.CursorAsync();

        (await s.Member.Api.GetAsync($"/api/chats/{s.ChatId}/messages")).AssertProblem(HttpStatusCode.Forbidden, "not_member");
        (await s.Member.Api.PatchAsync($"/api/messages/{s.Message.Long("id")}", new { text = "edit after removal" })).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        (await s.Member.Api.DeleteAsync($"/api/messages/{s.Message.Long("id")}")).AssertProblem(HttpStatusCode.NotFound, "message_not_found");

        Assert.Equal(["members only"], await s.Owner.TextsAsync(s.ChatId));
        await s.Owner.AssertNoNewEventsAsync(cursor, s.ChatId);
    }
}
