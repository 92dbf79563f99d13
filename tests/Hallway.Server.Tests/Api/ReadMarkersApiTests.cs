using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Read markers, unread counts in the chat list, and who has read a message.</summary>
public sealed class ReadMarkersApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static async Task<long> UnreadAsync(TestUser user, long chatId) =>
        (await user.ChatRowAsync(chatId))!.Value.Long("unreadCount");

    private static async Task<long> MarkReadAsync(TestUser user, long chatId, long seq)
    {
        var response = await user.Api.PostAsync($"/api/chats/{chatId}/read", new { seq });
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(chatId, response.Json.Long("chatId"));
        return response.Json.Long("seq");
    }

    [Fact]
    public async Task Unread_CountsOthersMessagesNotYourOwn()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        for (var i = 0; i < 3; i++)
        {
            await bob.SendAsync(chatId, $"ping {i}");
        }

        Assert.Equal(3, await UnreadAsync(alice, chatId));
        Assert.Equal(0, await UnreadAsync(bob, chatId));
        Assert.Equal(3, (await bob.ChatRowAsync(chatId))!.Value.Long("readSeq"));
    }

    [Fact]
    public async Task MarkRead_LowersTheUnreadCountAndLogsReadUpdated()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        for (var i = 0; i < 3; i++)
        {
            await bob.SendAsync(chatId, $"ping {i}");
        }

        var cursor = await bob.CursorAsync();

        Assert.Equal(2, await MarkReadAsync(alice, chatId, 2));

        Assert.Equal(1, await UnreadAsync(alice, chatId));
        Assert.Equal(2, (await alice.ChatRowAsync(chatId))!.Value.Long("readSeq"));
        var read = Assert.Single(await bob.NewEventsAsync(cursor, chatId));
        Assert.Equal("read.updated", read.Str("type"));
        Assert.Equal(alice.Id, read.GetProperty("payload").Long("userId"));
        Assert.Equal(2, read.GetProperty("payload").Long("seq"));
    }

    [Fact]
    public async Task MarkRead_NeverMovesBackwards()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        for (var i = 0; i < 3; i++)
        {
            await bob.SendAsync(chatId, $"ping {i}");
        }

        await MarkReadAsync(alice, chatId, 3);
        var cursor = await alice.CursorAsync();

        Assert.Equal(3, await MarkReadAsync(alice, chatId, 1));

        Assert.Equal(0, await UnreadAsync(alice, chatId));
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task MarkRead_PastTheLastMessage_IsClampedToIt()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        await bob.SendAsync(chatId, "one");
        await bob.SendAsync(chatId, "two");

        Assert.Equal(2, await MarkReadAsync(alice, chatId, 1_000_000));

        await bob.SendAsync(chatId, "three");
        Assert.Equal(1, await UnreadAsync(alice, chatId));
    }

    [Fact]
    public async Task MarkRead_NegativeSeq_IsRejectedWithInvalidSeq()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        (await alice.Api.PostAsync($"/api/chats/{chatId}/read", new { seq = -1 })).AssertProblem(HttpStatusCode.BadRequest, "invalid_seq");
    }

    [Fact]
    public async Task Unread_DeletedMessagesDoNotCount()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        await bob.SendAsync(chatId, "keep");
        var oops = await bob.SendAsync(chatId, "oops");
        (await bob.Api.DeleteAsync($"/api/messages/{oops.Long("id")}")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(1, await UnreadAsync(alice, chatId));
    }

    [Fact]
    public async Task Unread_ShownByGetChatToo()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        await bob.SendAsync(chatId, "hi");

        var chat = await alice.Api.GetAsync($"/api/chats/{chatId}");

        Assert.Equal(1, chat.Json.Long("unreadCount"));
        Assert.Equal("hi", chat.Json.GetProperty("lastMessage").Str("text"));
    }

    [Fact]
    public async Task Readers_ListsMembersWhoReadItButNotTheSender()
    {
        var owner = await Server.RegisterAsync();
        var reader = await Server.RegisterAsync();
        var lagging = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", reader, lagging);
        var first = await owner.SendAsync(chatId, "first");
        var second = await owner.SendAsync(chatId, "second");
        await MarkReadAsync(reader, chatId, second.Long("seq"));
        await MarkReadAsync(lagging, chatId, first.Long("seq"));

        var ofFirst = await owner.Api.GetAsync($"/api/messages/{first.Long("id")}/readers");
        var ofSecond = await reader.Api.GetAsync($"/api/messages/{second.Long("id")}/readers");

        ofFirst.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(new[] { reader.Id, lagging.Id }.Order(), ofFirst.Json.Items().Select(r => r.Long("userId"))); // by user id
        var only = Assert.Single(ofSecond.Json.Items());
        Assert.Equal(reader.Id, only.Long("userId"));
        Assert.Equal(second.Long("seq"), only.Long("readSeq"));
    }

    [Fact]
    public async Task Readers_SendingCountsAsReadingEverythingBefore()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);
        var question = await owner.SendAsync(chatId, "question");
        await member.SendAsync(chatId, "answer");

        var readers = await owner.Api.GetAsync($"/api/messages/{question.Long("id")}/readers");

        Assert.Equal([member.Id], readers.Json.Items().Select(r => r.Long("userId")));
    }

    [Fact]
    public async Task Readers_UnknownMessage_Is404MessageNotFound()
    {
        var alice = await Server.RegisterAsync();
        (await alice.Api.GetAsync("/api/messages/987654321/readers")).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
    }
}
