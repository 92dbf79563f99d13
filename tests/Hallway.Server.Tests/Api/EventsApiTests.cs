using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>GET /api/events: the caller's slice of the event log, oldest first, paged by id.</summary>
public sealed class EventsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static bool About(JsonElement e, long chatId) =>
        e.GetProperty("chatId").ValueKind == JsonValueKind.Number && e.Long("chatId") == chatId;

    [Fact]
    public async Task Events_AfterACursor_AreTheCallersEventsInOrder()
    {
        var alice = await Server.RegisterAsync();
        var cursor = await alice.CursorAsync();
        var chatId = await alice.CreateChatAsync("group");
        var first = await alice.SendAsync(chatId, "one");
        await alice.SendAsync(chatId, "two");
        (await alice.Api.PatchAsync($"/api/messages/{first.Long("id")}", new { text = "one!" })).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PutAsync(ApiTestHelpers.Reaction(first.Long("id"), "👍"))).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PutAsync($"/api/chats/{chatId}/mute", new { muted = true })).AssertStatus(HttpStatusCode.NoContent);

        var events = await alice.NewEventsAsync(cursor, chatId);

        Assert.Equal(["chat.created", "message.created", "message.created", "message.edited", "reaction.added", "chat.muted"], events.Select(e => e.Str("type")));
        var ids = events.Select(e => e.Long("id")).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id > cursor));
        Assert.Equal("one", events[1].GetProperty("payload").GetProperty("message").Str("text"));
        Assert.Equal(alice.Id, events[5].Long("userId"));
        Assert.True(events[5].IsNull("chatId"));
    }

    [Fact]
    public async Task Events_OfAChat_ReachEveryMember()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var chatId = await alice.OpenDirectAsync(bob);
        var cursor = await bob.CursorAsync();

        var sent = await alice.SendAsync(chatId, "for bob");

        var created = Assert.Single(await bob.NewEventsAsync(cursor, chatId));
        Assert.Equal("message.created", created.Str("type"));
        Assert.Equal(sent.Long("id"), created.GetProperty("payload").GetProperty("message").Long("id"));
    }

    [Fact]
    public async Task Events_AnotherUsersPrivateEvents_AreNotIncluded()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var cursor = await alice.CursorAsync();

        (await bob.Api.PutAsync($"/api/chats/{await bob.LobbyIdAsync()}/mute", new { muted = true })).AssertStatus(HttpStatusCode.NoContent);
        using var bobElsewhere = Server.Client(await Server.LoginAsync(bob.Username));
        (await bobElsewhere.PostAsync("/api/auth/logout")).AssertStatus(HttpStatusCode.NoContent);

        var events = await alice.EventsAfterAsync(cursor);
        Assert.DoesNotContain(events, e => e.GetProperty("userId").ValueKind == JsonValueKind.Number && e.Long("userId") == bob.Id);
        Assert.DoesNotContain(events, e => e.Str("type") is "chat.muted" or "session.revoked");
    }

    [Fact]
    public async Task Events_AProfileChange_ReachesEveryoneThroughTheLobby()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var lobby = await alice.LobbyIdAsync();
        var cursor = await alice.CursorAsync();

        (await bob.Api.PatchAsync("/api/me", new { displayName = "Bobby Tables" })).AssertStatus(HttpStatusCode.OK);

        var updated = Assert.Single(await alice.NewEventsAsync(cursor, lobby), e => e.Str("type") == "user.updated");
        Assert.Equal(bob.Id, updated.GetProperty("payload").GetProperty("user").Long("id"));
        Assert.Equal("Bobby Tables", updated.GetProperty("payload").GetProperty("user").Str("displayName"));
    }

    [Fact]
    public async Task Events_WithALimit_PageWithoutGapsOrRepeats()
    {
        var alice = await Server.RegisterAsync();
        var cursor = await alice.CursorAsync();
        var chatId = await alice.CreateChatAsync("group");
        for (var i = 0; i < 5; i++)
        {
            await alice.SendAsync(chatId, $"m{i}");
        }

        var expected = (await alice.EventsAfterAsync(cursor)).Select(e => e.Long("id")).ToList();
        var walked = new List<long>();
        var after = cursor;
        for (var guard = 0; guard < 100; guard++)
        {
            var page = await alice.Api.GetAsync($"/api/events?after={after}&limit=2");
            page.AssertStatus(HttpStatusCode.OK);
            var ids = page["events"].Items().Select(e => e.Long("id")).ToList();
            Assert.True(ids.Count <= 2);
            walked.AddRange(ids);
            after = page.Json.Long("lastEventId");
            if (ids.Count < 2)
            {
                break;
            }
        }

        Assert.Equal(expected, walked);
        Assert.Contains(walked, id => id > cursor);
    }

    [Fact]
    public async Task Events_NothingNew_ReturnsAnEmptyPageAndACursorNotBehind()
    {
        var alice = await Server.RegisterAsync();
        var cursor = await alice.CursorAsync();

        var page = await alice.Api.GetAsync($"/api/events?after={cursor}");

        page.AssertStatus(HttpStatusCode.OK);
        Assert.DoesNotContain(page["events"].Items(), e => e.GetProperty("userId").ValueKind == JsonValueKind.Number);
        Assert.True(page.Json.Long("lastEventId") >= cursor);
    }

    [Fact]
    public async Task Events_ForANewMember_IncludeTheChatTheyJoined()
    {
        var owner = await Server.RegisterAsync();
        var newcomer = await Server.RegisterAsync();
        var chatId = await owner.CreateChatAsync("group");
        var cursor = await newcomer.CursorAsync();

        (await owner.Api.PostAsync($"/api/chats/{chatId}/members", new { userIds = new[] { newcomer.Id } })).AssertStatus(HttpStatusCode.OK);
        await owner.SendAsync(chatId, "welcome");

        var events = (await newcomer.EventsAfterAsync(cursor)).Where(e => About(e, chatId)).Select(e => e.Str("type")).ToList();
        Assert.Equal(["member.joined", "message.created"], events);
    }

    [Fact]
    public async Task Events_AfterBeyondTheNewest_IsRejectedWith409CursorAhead()
    {
        var alice = await Server.RegisterAsync();
        (await alice.Api.GetAsync("/api/events?after=9000000000")).AssertProblem(HttpStatusCode.Conflict, "cursor_ahead");
    }

    [Fact]
    public async Task Events_AfterExactlyTheNewest_IsAnEmptyPage()
    {
        var alice = await Server.RegisterAsync();
        var newest = (await alice.Api.GetAsync("/api/events")).Json.Long("lastEventId");

        var page = await alice.Api.GetAsync($"/api/events?after={newest}");

        page.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(page["events"].Items());
        Assert.Equal(newest, page.Json.Long("lastEventId"));
    }

    [Fact]
    public async Task NoOpWrites_LogNoEvents()
    {
        var alice = await Server.RegisterAsync();
        var bob = await Server.RegisterAsync();
        var group = await alice.CreateChatAsync("group", bob);
        var direct = await alice.OpenDirectAsync(bob);
        var lobby = await alice.LobbyIdAsync();
        var title = (await alice.Api.GetAsync($"/api/chats/{group}"))["chat"].Str("title");
        (await alice.Api.PatchAsync("/api/me", new { about = "set once" })).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PutAsync($"/api/chats/{group}/mute", new { muted = true })).AssertStatus(HttpStatusCode.NoContent);
        (await alice.Api.DeleteAsync($"/api/chats/{direct}")).AssertStatus(HttpStatusCode.NoContent);
        var message = await alice.SendAsync(group, "react here");
        (await alice.Api.PutAsync(ApiTestHelpers.Reaction(message.Long("id"), "👍"))).AssertStatus(HttpStatusCode.OK);
        var cursor = await alice.CursorAsync();

        (await alice.Api.PatchAsync("/api/me", new { about = "set once" })).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PatchAsync($"/api/chats/{group}", new { title })).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PutAsync($"/api/chats/{group}/mute", new { muted = true })).AssertStatus(HttpStatusCode.NoContent);
        (await alice.Api.PutAsync($"/api/chats/{lobby}/mute", new { muted = false })).AssertStatus(HttpStatusCode.NoContent);
        (await alice.Api.DeleteAsync($"/api/chats/{direct}")).AssertStatus(HttpStatusCode.NoContent);
        (await alice.Api.PutAsync(ApiTestHelpers.Reaction(message.Long("id"), "👍"))).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PatchAsync($"/api/messages/{message.Long("id")}", new { text = "react here" })).AssertStatus(HttpStatusCode.OK);
        (await alice.Api.PostAsync($"/api/chats/{group}/read", new { seq = 1 })).AssertStatus(HttpStatusCode.OK);

        var events = await alice.EventsAfterAsync(cursor);
        Assert.True(events.Count == 0, "No-op writes logged: " + string.Join(" | ", events.Select(e => e.GetRawText())));
    }
}
