using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Sending: idempotent retries, text limits, replies.</summary>
public sealed class MessagesApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static Task<ApiResponse> SendAsync(TestUser user, long chatId, string text, string? clientId = null, long? replyToId = null) =>
        user.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = clientId ?? TestData.ClientId(), text, replyToId });

    [Fact]
    public async Task Send_Returns201WithTheStoredMessageAndLogsMessageCreated()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var cursor = await bob.CursorAsync();

        var response = await SendAsync(alice, chatId, "  hello bob  ", "client-1");

        response.AssertStatus(HttpStatusCode.Created);
        Assert.False(response.Json.GetProperty("duplicate").GetBoolean());
        var message = response["message"];
        Assert.Equal("hello bob", message.Str("text"));
        Assert.Equal(chatId, message.Long("chatId"));
        Assert.Equal(alice.Id, message.Long("senderId"));
        Assert.Equal("client-1", message.Str("clientId"));
        Assert.Equal(1, message.Long("seq"));
        Assert.True(message.IsNull("editedAt"));
        Assert.True(message.IsNull("deletedAt"));
        Assert.Equal($"/api/messages/{message.Long("id")}", response.Headers.Location?.OriginalString);

        var created = Assert.Single(await bob.NewEventsAsync(cursor, chatId));
        Assert.Equal("message.created", created.Str("type"));
        Assert.Equal(message.Long("id"), created.GetProperty("payload").GetProperty("message").Long("id"));
    }

    [Fact]
    public async Task Send_SeqsIncreaseByOnePerChat()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");

        var seqs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            seqs.Add((await alice.SendAsync(chatId, $"m{i}")).Long("seq"));
        }

        Assert.Equal([1L, 2L, 3L], seqs);
    }

    [Fact]
    public async Task Send_RetryWithTheSameClientId_Returns200DuplicateWithTheSameMessageStoredOnce()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var clientId = TestData.ClientId();
        var first = await SendAsync(alice, chatId, "only once", clientId);
        var cursor = await alice.CursorAsync();

        var retry = await SendAsync(alice, chatId, "only once", clientId);

        retry.AssertStatus(HttpStatusCode.OK);
        Assert.True(retry.Json.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first["message"].Long("id"), retry["message"].Long("id"));
        Assert.Equal(["only once"], await alice.TextsAsync(chatId));
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task Send_SameClientIdFromAnotherUser_IsADifferentMessage()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var clientId = TestData.ClientId();

        var a = await SendAsync(alice, chatId, "from alice", clientId);
        var b = await SendAsync(bob, chatId, "from bob", clientId);

        a.AssertStatus(HttpStatusCode.Created);
        b.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(["from alice", "from bob"], await alice.TextsAsync(chatId));
    }

    [Fact]
    public async Task Send_ClientIdReusedInAnotherChat_IsRejectedWithInvalidClientId()
    {
        var alice = await Server.RegisterAsync();
        var chat1 = await alice.CreateChatAsync("group");
        var chat2 = await alice.CreateChatAsync("group");
        var clientId = TestData.ClientId();
        (await SendAsync(alice, chat1, "first", clientId)).AssertStatus(HttpStatusCode.Created);

        (await SendAsync(alice, chat2, "second", clientId)).AssertProblem(HttpStatusCode.BadRequest, "invalid_client_id");

        Assert.Empty(await alice.HistoryAsync(chat2));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/")]
    public async Task Send_BadClientId_IsRejectedWithInvalidClientId(string clientId)
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");

        (await SendAsync(alice, chatId, "text", clientId)).AssertProblem(HttpStatusCode.BadRequest, "invalid_client_id");
        (await SendAsync(alice, chatId, "text", new string('c', 65))).AssertProblem(HttpStatusCode.BadRequest, "invalid_client_id");

        Assert.Empty(await alice.HistoryAsync(chatId));
    }

    [Fact]
    public async Task Send_4000Emoji_IsAccepted()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var text = string.Concat(Enumerable.Repeat("😀", 4000)); // 8000 UTF-16 units, 4000 code points

        var response = await SendAsync(alice, chatId, text);

        response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(text, response["message"].Str("text"));
    }

    [Fact]
    public async Task Send_4001Characters_IsRejectedWithMessageTooLong()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var cursor = await alice.CursorAsync();

        (await SendAsync(alice, chatId, string.Concat(Enumerable.Repeat("😀", 4001)))).AssertProblem(HttpStatusCode.BadRequest, "message_too_long");
        (await SendAsync(alice, chatId, new string('x', 4001))).AssertProblem(HttpStatusCode.BadRequest, "message_too_long");

        Assert.Empty(await alice.HistoryAsync(chatId));
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t \r\n")]
    public async Task Send_EmptyOrWhitespace_IsRejectedWithMessageEmpty(string text)
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");

        (await SendAsync(alice, chatId, text)).AssertProblem(HttpStatusCode.BadRequest, "message_empty");

        Assert.Empty(await alice.HistoryAsync(chatId));
    }

    [Fact]
    public async Task Send_ControlCharacter_IsRejectedWithInvalidText()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");

        (await SendAsync(alice, chatId, "bell\u0007")).AssertProblem(HttpStatusCode.BadRequest, "invalid_text");
        (await SendAsync(alice, chatId, "nul\u0000byte")).AssertProblem(HttpStatusCode.BadRequest, "invalid_text");

        Assert.Empty(await alice.HistoryAsync(chatId));
    }

    [Fact]
    public async Task Send_MultilineTextAndUnicode_AreStoredAsSent()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        const string text = "Привет,\n世界 👩‍👩‍👧\ttab";

        await alice.SendAsync(chatId, text);

        Assert.Equal([text], await alice.TextsAsync(chatId));
    }

    [Fact]
    public async Task Send_ReplyToAMessageOfTheSameChat_KeepsTheReference()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var original = await alice.SendAsync(chatId, "question");

        var reply = await SendAsync(alice, chatId, "answer", replyToId: original.Long("id"));

        reply.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(original.Long("id"), reply["message"].Long("replyToId"));
    }

    [Fact]
    public async Task Send_ReplyToAMessageOfAnotherChat_IsRejectedWithReplyNotFound()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var other = await alice.CreateChatAsync("group");
        var elsewhere = await alice.SendAsync(other, "in another chat");
        var cursor = await alice.CursorAsync();

        (await SendAsync(alice, chatId, "reply", replyToId: elsewhere.Long("id"))).AssertProblem(HttpStatusCode.BadRequest, "reply_not_found");
        (await SendAsync(alice, chatId, "reply", replyToId: 987654321)).AssertProblem(HttpStatusCode.BadRequest, "reply_not_found");

        Assert.Empty(await alice.HistoryAsync(chatId));
        await alice.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task Send_ToUnknownChat_Is404ChatNotFound()
    {
        var alice = await Server.RegisterAsync();
        (await SendAsync(alice, 987654321, "hello?")).AssertProblem(HttpStatusCode.NotFound, "chat_not_found");
    }

    [Fact]
    public async Task Send_ToChatYouLeft_IsRejectedWithNotMember()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group", member);
        await member.SendAsync(chatId, "bye all");
        (await member.Api.DeleteAsync($"/api/chats/{chatId}/members/{member.Id}")).AssertStatus(HttpStatusCode.NoContent);
        var cursor = await owner.CursorAsync();

        (await SendAsync(member, chatId, "I'm back?")).AssertProblem(HttpStatusCode.Forbidden, "not_member");

        Assert.Equal(["bye all"], await owner.TextsAsync(chatId));
        await owner.AssertNoNewEventsAsync(cursor, chatId);
    }

    [Fact]
    public async Task GetMessage_Member_SeesIt()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var sent = await alice.SendAsync(chatId, "look");

        var seen = await bob.MessageAsync(sent.Long("id"));

        Assert.Equal("look", seen.Str("text"));
    }

    [Fact]
    public async Task GetMessage_Unknown_Is404MessageNotFound()
    {
        var alice = await Server.RegisterAsync();
        (await alice.Api.GetAsync("/api/messages/987654321")).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
    }

    [Fact]
    public async Task Send_ConcurrentRetriesWithOneClientId_StoreOneMessage()
    {
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");
        var clientId = TestData.ClientId();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SendAsync(alice, chatId, "raced", clientId)));

        Assert.Single(responses, r => r.Status == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.OK, r.Text));
        Assert.Single(responses.Select(r => r["message"].Long("id")).Distinct());
        Assert.Equal(["raced"], await alice.TextsAsync(chatId));
    }

    [Fact]
    public async Task Send_LoneSurrogateEscape_IsRejectedAndNotStored()
    {
        // PROTOCOL.md lists lone surrogates under invalid_text; the JSON reader already refuses them
        // (bad_request). Either way it is a 400 and nothing is stored.
        var alice = await Server.RegisterAsync();
        var chatId = await alice.CreateChatAsync("group");

        var response = await alice.Api.SendRawAsync(HttpMethod.Post, $"/api/chats/{chatId}/messages", "{\"clientId\": \"ls1\", \"text\": \"a\\ud800b\"}");

        response.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Contains(response.Code, new[] { "invalid_text", "bad_request" });
        Assert.Empty(await alice.HistoryAsync(chatId));
    }
}
