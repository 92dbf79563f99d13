using System.Net;
using System.Text;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Server.Tests.Realtime;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>
/// Privacy settings: GET/PUT /api/me/privacy, who may message a user directly (HTTP and WebSocket),
/// who finds them by user search, and the privacy.updated event.
/// </summary>
public sealed class PrivacyApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static async Task SetAsync(TestUser user, string whoCanMessage, string whoCanFind)
    {
        var response = await user.Api.PutAsync("/api/me/privacy", new { whoCanMessage, whoCanFind });
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal((whoCanMessage, whoCanFind), (response.Json.Str("whoCanMessage"), response.Json.Str("whoCanFind")));
    }

    private static async Task<(string Message, string Find)> GetAsync(TestUser user)
    {
        var response = await user.Api.GetAsync("/api/me/privacy");
        response.AssertStatus(HttpStatusCode.OK);
        return (response.Json.Str("whoCanMessage"), response.Json.Str("whoCanFind"));
    }

    private static async Task AddContactAsync(TestUser owner, TestUser contact) =>
        (await owner.Api.PutAsync($"/api/contacts/{contact.Id}")).AssertStatus(HttpStatusCode.NoContent);

    /// <summary>The ids the viewer's user search for <paramref name="target"/>'s username returns.</summary>
    private static async Task<bool> FindsAsync(TestUser viewer, TestUser target)
    {
        var response = await viewer.Api.GetAsync($"/api/users?q={Uri.EscapeDataString(target.Username)}");
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.Items().Any(u => u.Long("id") == target.Id);
    }

    [Fact]
    public async Task Privacy_Defaults_AreEveryoneAndEveryone()
    {
        var user = await Server.RegisterAsync();
        Assert.Equal(("everyone", "everyone"), await GetAsync(user));
    }

    [Fact]
    public async Task Privacy_Put_IsReadBack_AndIsNotOnTheUserView()
    {
        var user = await Server.RegisterAsync();
        var other = await Server.RegisterAsync();
        await SetAsync(user, "contacts", "nobody");

        Assert.Equal(("contacts", "nobody"), await GetAsync(user));
        var seen = (await other.Api.GetAsync($"/api/users/{user.Id}")).Json;
        Assert.False(seen.TryGetProperty("whoCanMessage", out _));
        Assert.False(seen.TryGetProperty("whoCanFind", out _));
        Assert.False((await user.Api.GetAsync("/api/me")).Json.TryGetProperty("whoCanFind", out _));
    }

    [Fact]
    public async Task ContactsOnly_StrangerCannotOpenADirectChat()
    {
        var bob = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        await SetAsync(bob, "contacts", "everyone");
        var chatsBefore = (await stranger.ChatsAsync()).Length;

        (await stranger.Api.PostAsync("/api/chats/direct", new { userId = bob.Id })).AssertProblem(HttpStatusCode.Forbidden, "privacy_restricted");

        Assert.Equal(chatsBefore, (await stranger.ChatsAsync()).Length);
    }

    [Fact]
    public async Task ContactsOnly_StrangerCannotSendInAnExistingDirectChat_OverHttpOrWebSocket()
    {
        var bob = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        var chatId = await stranger.OpenDirectAsync(bob);
        await stranger.SendAsync(chatId, "hi before");
        await SetAsync(bob, "contacts", "everyone");

        (await stranger.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = TestData.ClientId(), text = "hi after" }))
            .AssertProblem(HttpStatusCode.Forbidden, "privacy_restricted");
        (await stranger.Api.PostAsync("/api/chats/direct", new { userId = bob.Id })).AssertProblem(HttpStatusCode.Forbidden, "privacy_restricted");
        var (socket, _) = await stranger.OpenAsync();
        await using (socket)
        {
            Assert.Equal("privacy_restricted", await socket.RequestErrorAsync("send", Rt.Send(chatId, "hi over ws")));
        }

        Assert.Equal(["hi before"], await bob.TextsAsync(chatId));

        // Bob, who set the rule, still writes to the stranger: it limits who reaches him.
        await bob.SendAsync(chatId, "bob replies");
        Assert.Equal(["hi before", "bob replies"], await bob.TextsAsync(chatId));
    }

    [Fact]
    public async Task ContactsOnly_AContactOpensAndSends_OverHttpAndWebSocket()
    {
        var bob = await Server.RegisterAsync();
        var friend = await Server.RegisterAsync();
        await SetAsync(bob, "contacts", "everyone");
        await AddContactAsync(bob, friend);

        var chatId = await friend.OpenDirectAsync(bob);
        await friend.SendAsync(chatId, "over http");
        var (socket, _) = await friend.OpenAsync();
        await using (socket)
        {
            await socket.RequestOkAsync("send", Rt.Send(chatId, "over ws"));
        }

        Assert.Equal(["over http", "over ws"], await bob.TextsAsync(chatId));
    }

    [Fact]
    public async Task ContactsOnly_IsOneWay_BobBeingInTheStrangersContactsDoesNotHelp()
    {
        var bob = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        await SetAsync(bob, "contacts", "everyone");
        await AddContactAsync(stranger, bob);

        (await stranger.Api.PostAsync("/api/chats/direct", new { userId = bob.Id })).AssertProblem(HttpStatusCode.Forbidden, "privacy_restricted");
    }

    [Fact]
    public async Task ContactsOnly_WritingToYourself_IsAlwaysAllowed()
    {
        var bob = await Server.RegisterAsync();
        await SetAsync(bob, "contacts", "nobody");

        var saved = await bob.OpenDirectAsync(bob);
        await bob.SendAsync(saved, "note to self");
        var (socket, _) = await bob.OpenAsync();
        await using (socket)
        {
            await socket.RequestOkAsync("send", Rt.Send(saved, "ws note"));
        }

        Assert.Equal(["note to self", "ws note"], await bob.TextsAsync(saved));
    }

    [Fact]
    public async Task ContactsOnly_DoesNotLimitGroups()
    {
        var bob = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        await SetAsync(bob, "contacts", "everyone");
        var group = await stranger.CreateChatAsync("group", bob);

        await stranger.SendAsync(group, "group hello");

        Assert.Equal(["group hello"], await bob.TextsAsync(group));
    }

    [Fact]
    public async Task ContactsOnly_ServerAdminsAreNotExempt()
    {
        // A server of its own, so its first account is surely the server admin.
        await using var server = await TestServer.StartAsync();
        var admin = await server.RegisterAsync();
        Assert.True((await admin.Api.GetAsync("/api/me")).Json.GetProperty("isAdmin").GetBoolean());
        var bob = await server.RegisterAsync();
        await SetAsync(bob, "contacts", "nobody");

        (await admin.Api.PostAsync("/api/chats/direct", new { userId = bob.Id })).AssertProblem(HttpStatusCode.Forbidden, "privacy_restricted");
        Assert.False(await FindsAsync(admin, bob));
    }

    [Fact]
    public async Task ChangingBackToEveryone_LetsTheStrangerWriteAgain()
    {
        var bob = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        var chatId = await stranger.OpenDirectAsync(bob);
        await SetAsync(bob, "contacts", "nobody");
        (await stranger.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = TestData.ClientId(), text = "blocked" }))
            .AssertProblem(HttpStatusCode.Forbidden, "privacy_restricted");
        Assert.False(await FindsAsync(stranger, bob));

        await SetAsync(bob, "everyone", "everyone");

        await stranger.SendAsync(chatId, "allowed again");
        Assert.Equal(["allowed again"], await bob.TextsAsync(chatId));
        Assert.True(await FindsAsync(stranger, bob));
    }

    [Fact]
    public async Task RemovingAContact_TakesTheirAccessAway()
    {
        var bob = await Server.RegisterAsync();
        var friend = await Server.RegisterAsync();
        await SetAsync(bob, "contacts", "contacts");
        await AddContactAsync(bob, friend);
        var chatId = await friend.OpenDirectAsync(bob);
        Assert.True(await FindsAsync(friend, bob));

        (await bob.Api.DeleteAsync($"/api/contacts/{friend.Id}")).AssertStatus(HttpStatusCode.NoContent);

        (await friend.Api.PostAsync($"/api/chats/{chatId}/messages", new { clientId = TestData.ClientId(), text = "still here?" }))
            .AssertProblem(HttpStatusCode.Forbidden, "privacy_restricted");
        Assert.False(await FindsAsync(friend, bob));
    }

    [Theory]
    [InlineData("everyone", true, true, true)]
    [InlineData("contacts", false, true, true)]
    [InlineData("nobody", false, false, true)]
    public async Task WhoCanFind_DecidesWhoseSearchReturnsTheUser(string setting, bool stranger, bool contact, bool self)
    {
        var bob = await Server.RegisterAsync();
        var someone = await Server.RegisterAsync();
        var friend = await Server.RegisterAsync();
        await AddContactAsync(bob, friend);
        await SetAsync(bob, "everyone", setting);

        Assert.Equal(stranger, await FindsAsync(someone, bob));
        Assert.Equal(contact, await FindsAsync(friend, bob));
        Assert.Equal(self, await FindsAsync(bob, bob));

        // Ids are not secret (they appear in shared chats): a lookup by id still answers.
        (await someone.Api.GetAsync($"/api/users/{bob.Id}")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WhoCanFind_AppliesToTheUnfilteredListToo()
    {
        var bob = await Server.RegisterAsync();
        var someone = await Server.RegisterAsync();
        await SetAsync(bob, "everyone", "nobody");

        var all = await someone.Api.GetAsync("/api/users?limit=50");
        all.AssertStatus(HttpStatusCode.OK);
        Assert.DoesNotContain(all.Json.Items(), u => u.Long("id") == bob.Id);
    }

    [Fact]
    public async Task PrivacyUpdated_ReachesTheUsersOtherSession_AndNoOneElse()
    {
        var bob = await Server.RegisterAsync();
        var other = await Server.RegisterAsync();
        var otherCursor = await other.CursorAsync();
        var bobCursor = await bob.CursorAsync();
        var secondSession = await Rt.SignInAgainAsync(bob);
        var (socket, _) = await secondSession.OpenAsync();
        await using var _ = socket;

        await SetAsync(bob, "contacts", "contacts");

        var evt = await socket.NextEventAsync("privacy.updated");
        Assert.Equal(bob.Id, evt.Long("userId"));
        Assert.True(evt.IsNull("chatId"));
        Assert.Equal(("contacts", "contacts"), (evt.GetProperty("payload").Str("whoCanMessage"), evt.GetProperty("payload").Str("whoCanFind")));
        Assert.Single(await bob.EventsAfterAsync(bobCursor), e => e.Str("type") == "privacy.updated");
        Assert.DoesNotContain(await other.EventsAfterAsync(otherCursor), e => e.Str("type") == "privacy.updated");
    }

    [Fact]
    public async Task PutSameSettings_ChangesNothing_AndEmitsNoEvent()
    {
        var bob = await Server.RegisterAsync();
        await SetAsync(bob, "contacts", "everyone");
        var cursor = await bob.CursorAsync();

        await SetAsync(bob, "contacts", "everyone");

        Assert.DoesNotContain(await bob.EventsAfterAsync(cursor), e => e.Str("type") == "privacy.updated");
    }

    public static TheoryData<string, string> BadBodies { get; } = new()
    {
        { "{\"whoCanMessage\":\"contacts\"", "bad_json" },
        { "not json", "bad_json" },
        { "{\"whoCanMessage\":1,\"whoCanFind\":\"nobody\"}", "bad_request" },
        { "{\"whoCanMessage\":\"contacts\",\"whoCanFind\":2}", "bad_request" },
        { "{\"whoCanMessage\":\"friends\",\"whoCanFind\":\"nobody\"}", "bad_request" },
        { "{\"whoCanMessage\":\"contacts\",\"whoCanFind\":\"Nobody\"}", "bad_request" },
        { "{\"whoCanMessage\":\"nobody\",\"whoCanFind\":\"nobody\"}", "bad_request" },
        { "{\"whoCanMessage\":\"contacts\",\"whoCanFind\":\"\"}", "bad_request" },
        { "{\"whoCanMessage\":\"contacts\",\"whoCanFind\":null}", "bad_request" },
        { "{\"whoCanMessage\":\"contacts\"}", "bad_request" },
        { "{\"whoCanFind\":\"nobody\"}", "bad_request" },
        { "{}", "bad_request" },
        { "[]", "bad_request" },
        { "\"contacts\"", "bad_request" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Put_BadBody_IsRejected_AndChangesNothing(string body, string code)
    {
        var bob = await Server.RegisterAsync();
        var cursor = await bob.CursorAsync();

        (await bob.Api.SendRawAsync(HttpMethod.Put, "/api/me/privacy", body)).AssertProblem(HttpStatusCode.BadRequest, code);

        Assert.Equal(("everyone", "everyone"), await GetAsync(bob));
        Assert.Empty(await bob.EventsAfterAsync(cursor));
    }

    [Fact]
    public async Task Put_InvalidUtf8_IsBadJson_AndChangesNothing()
    {
        var bob = await Server.RegisterAsync();
        var body = Encoding.UTF8.GetBytes("{\"whoCanMessage\":\"contacts\",\"whoCanFind\":\"nob")
            .Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("ody\"}"))
            .ToArray();

        (await bob.Api.SendRawAsync(HttpMethod.Put, "/api/me/privacy", body)).AssertProblem(HttpStatusCode.BadRequest, "bad_json");

        Assert.Equal(("everyone", "everyone"), await GetAsync(bob));
    }

    [Fact]
    public async Task Put_NoBody_IsBadRequest()
    {
        var bob = await Server.RegisterAsync();
        (await bob.Api.PutAsync("/api/me/privacy")).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        Assert.Equal(("everyone", "everyone"), await GetAsync(bob));
    }

    [Fact]
    public async Task Privacy_WithoutASession_IsUnauthorized()
    {
        using var anonymous = Server.Anonymous();
        (await anonymous.GetAsync("/api/me/privacy")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await anonymous.PutAsync("/api/me/privacy", new { whoCanMessage = "contacts", whoCanFind = "nobody" })).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
