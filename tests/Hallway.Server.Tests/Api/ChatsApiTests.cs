using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>The chat list, the Lobby, direct chats, creating groups and channels, mute and hide.</summary>
public sealed class ChatsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task EveryAccount_IsInTheSameLobby()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();

        var lobby = await alice.LobbyIdAsync();

        Assert.Equal(lobby, await bob.LobbyIdAsync());
        var members = (await alice.Api.GetAsync($"/api/chats/{lobby}/members")).Json.Items();
        Assert.Contains(members, m => m.Long("userId") == alice.Id);
        Assert.Contains(members, m => m.Long("userId") == bob.Id);
    }

    [Fact]
    public async Task Lobby_NobodyCanLeaveIt()
    {
        var user = await Server.RegisterAsync();
        var lobby = await user.LobbyIdAsync();
        var cursor = await user.CursorAsync();

        var response = await user.Api.DeleteAsync($"/api/chats/{lobby}/members/{user.Id}");

        response.AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");
        Assert.NotNull(await user.ChatRowAsync(lobby));
        await user.AssertNoNewEventsAsync(cursor, lobby);
    }

    [Fact]
    public async Task OpenDirect_TwiceFromEitherSide_GivesTheSameChat()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();

        var first = await alice.Api.PostAsync("/api/chats/direct", new { userId = bob.Id });
        var again = await alice.Api.PostAsync("/api/chats/direct", new { userId = bob.Id });
        var fromBob = await bob.Api.PostAsync("/api/chats/direct", new { userId = alice.Id });

        first.AssertStatus(HttpStatusCode.OK);
        var chat = first["chat"];
        Assert.Equal("direct", chat.Str("kind"));
        Assert.Equal(bob.Id, first.Json.Long("peerId"));
        Assert.Equal(chat.Long("id"), again["chat"].Long("id"));
        Assert.Equal(chat.Long("id"), fromBob["chat"].Long("id"));
        Assert.Equal(alice.Id, fromBob.Json.Long("peerId"));
        var members = (await bob.Api.GetAsync($"/api/chats/{chat.Long("id")}/members")).Json.Items();
        Assert.Equal(new[] { alice.Id, bob.Id }.Order(), members.Select(m => m.Long("userId")).Order());
    }

    [Fact]
    public async Task OpenDirect_UnknownUser_Is404UserNotFound()
    {
        var alice = await Server.RegisterAsync();
        var before = await alice.ChatsAsync();

        (await alice.Api.PostAsync("/api/chats/direct", new { userId = 987654321 })).AssertProblem(HttpStatusCode.NotFound, "user_not_found");

        Assert.Equal(before.Length, (await alice.ChatsAsync()).Length);
    }

    [Theory]
    [InlineData("group")]
    [InlineData("channel")]
    public async Task Create_GroupOrChannel_MakesTheCallerOwnerAndOthersMembers(string kind)
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();

        var response = await owner.Api.PostAsync("/api/chats", new { kind, title = " Team ", description = "About the team", memberIds = new[] { member.Id, member.Id, owner.Id } });

        response.AssertStatus(HttpStatusCode.Created);
        var chatId = response["chat"].Long("id");
        Assert.Equal(kind, response["chat"].Str("kind"));
        Assert.Equal("Team", response["chat"].Str("title"));
        Assert.Equal("owner", response.Json.Str("role"));
        Assert.Equal($"/api/chats/{chatId}", response.Headers.Location?.OriginalString);
        var members = (await member.Api.GetAsync($"/api/chats/{chatId}/members")).Json.Items();
        Assert.Equal(2, members.Length);
        Assert.Equal("owner", members.Single(m => m.Long("userId") == owner.Id).Str("role"));
        Assert.Equal("member", members.Single(m => m.Long("userId") == member.Id).Str("role"));
        Assert.Equal("member", (await member.ChatRowAsync(chatId))!.Value.Str("role"));
    }

    [Theory]
    [InlineData("direct")]
    [InlineData("lobby")]
    public async Task Create_DirectOrLobbyKind_IsRejectedWithWrongChatKind(string kind)
    {
        var owner = await Server.RegisterAsync();
        var before = (await owner.ChatsAsync()).Length;

        (await owner.Api.PostAsync("/api/chats", new { kind, title = "nope" })).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");

        Assert.Equal(before, (await owner.ChatsAsync()).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_BlankTitle_IsRejectedWithInvalidTitle(string title)
    {
        var owner = await Server.RegisterAsync();
        (await owner.Api.PostAsync("/api/chats", new { kind = "group", title })).AssertProblem(HttpStatusCode.BadRequest, "invalid_title");
    }

    [Fact]
    public async Task Create_WithAnUnknownMember_Is404UserNotFoundAndCreatesNothing()
    {
        var owner = await Server.RegisterAsync();
        var before = (await owner.ChatsAsync()).Length;

        (await owner.Api.PostAsync("/api/chats", new { kind = "group", title = "x", memberIds = new[] { 987654321L } }))
            .AssertProblem(HttpStatusCode.NotFound, "user_not_found");

        Assert.Equal(before, (await owner.ChatsAsync()).Length);
    }

    [Fact]
    public async Task GetChat_Member_SeesTheChatAndTheirRole()
    {
        var owner = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group");

        var response = await owner.Api.GetAsync($"/api/chats/{chatId}");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(chatId, response["chat"].Long("id"));
        Assert.Equal("owner", response.Json.Str("role"));
    }

    [Fact]
    public async Task GetChat_Unknown_Is404ChatNotFound()
    {
        var user = await Server.RegisterAsync();
        (await user.Api.GetAsync("/api/chats/987654321")).AssertProblem(HttpStatusCode.NotFound, "chat_not_found");
    }

    [Fact]
    public async Task Mute_ShowsInTheChatListAndCanBeUndone()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);

        (await alice.Api.PutAsync($"/api/chats/{chatId}/mute", new { muted = true })).AssertStatus(HttpStatusCode.NoContent);
        Assert.True((await alice.ChatRowAsync(chatId))!.Value.GetProperty("muted").GetBoolean());
        Assert.False((await bob.ChatRowAsync(chatId))!.Value.GetProperty("muted").GetBoolean());

        (await alice.Api.PutAsync($"/api/chats/{chatId}/mute", new { muted = false })).AssertStatus(HttpStatusCode.NoContent);
        Assert.False((await alice.ChatRowAsync(chatId))!.Value.GetProperty("muted").GetBoolean());
    }

    [Fact]
    public async Task Hide_DirectChat_LeavesTheListUntilANewMessageArrives()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        await bob.SendAsync(chatId, "first");

        (await alice.Api.DeleteAsync($"/api/chats/{chatId}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.Null(await alice.ChatRowAsync(chatId));
        Assert.NotNull(await bob.ChatRowAsync(chatId));

        await bob.SendAsync(chatId, "are you there?");

        var row = await alice.ChatRowAsync(chatId);
        Assert.NotNull(row);
        Assert.Equal("are you there?", row.Value.GetProperty("lastMessage").Str("text"));
    }

    [Fact]
    public async Task Hide_ThenOpenDirectAgain_BringsItBack()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        (await alice.Api.DeleteAsync($"/api/chats/{chatId}")).AssertStatus(HttpStatusCode.NoContent);
        var cursor = await alice.CursorAsync();

        Assert.Equal(chatId, await alice.OpenDirectAsync(bob));

        Assert.NotNull(await alice.ChatRowAsync(chatId));
        var unhidden = Assert.Single(await alice.NewEventsAsync(cursor, chatId));
        Assert.Equal("chat.unhidden", unhidden.Str("type"));
        Assert.Equal(chatId, unhidden.GetProperty("payload").Long("chatId"));
    }

    [Fact]
    public async Task Hide_Group_IsRejectedWithWrongChatKind()
    {
        var owner = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group");

        (await owner.Api.DeleteAsync($"/api/chats/{chatId}")).AssertProblem(HttpStatusCode.BadRequest, "wrong_chat_kind");

        Assert.NotNull(await owner.ChatRowAsync(chatId));
    }

    [Fact]
    public async Task OpenDirect_ConcurrentlyFromBothSides_MakesOneChat()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();

        var opens = Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? alice.OpenDirectAsync(bob) : bob.OpenDirectAsync(alice));
        var ids = await Task.WhenAll(opens);

        Assert.Single(ids.Distinct());
        Assert.Single(await alice.ChatsAsync(), c => c.GetProperty("chat").Str("kind") == "direct" && c.Long("peerId") == bob.Id);
    }

    [Fact]
    public async Task OpenDirect_WithYourself_IsAOneMemberChatWithYourselfAsPeer()
    {
        var alice = await Server.RegisterAsync();

        var first = await alice.Api.PostAsync("/api/chats/direct", new { userId = alice.Id });
        var again = await alice.Api.PostAsync("/api/chats/direct", new { userId = alice.Id });

        first.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(alice.Id, first.Json.Long("peerId"));
        Assert.Equal(first["chat"].Long("id"), again["chat"].Long("id"));
        var members = (await alice.Api.GetAsync($"/api/chats/{first["chat"].Long("id")}/members")).Json.Items();
        Assert.Equal(alice.Id, Assert.Single(members).Long("userId"));
    }

    [Fact]
    public async Task Rename_DescriptionCanBeCleared_AndLogsChatUpdated()
    {
        var owner = await Server.RegisterAsync();
        var member = await Server.RegisterAsync();
        var created = await owner.Api.PostAsync("/api/chats", new { kind = "group", title = "Team", description = "Old words", memberIds = new[] { member.Id } });
        var chatId = created["chat"].Long("id");
        var cursor = await member.CursorAsync();

        var response = await owner.Api.PatchAsync($"/api/chats/{chatId}", new { description = "" });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Team", response.Json.Str("title"));
        Assert.Equal(string.Empty, response.Json.Str("description"));
        var updated = Assert.Single(await member.NewEventsAsync(cursor, chatId));
        Assert.Equal("chat.updated", updated.Str("type"));
    }
}
