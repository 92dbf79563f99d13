using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>The caller's profile, finding users and looking one up.</summary>
public sealed class UsersApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static string Marker() => "Zq" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task GetMe_ReturnsTheCallersProfile()
    {
        var user = await Server.RegisterAsync();
        var me = await user.Api.GetAsync("/api/me");

        me.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(user.Id, me.Json.Long("id"));
        Assert.Equal(user.Username, me.Json.Str("username"));
        Assert.Equal(user.Username.ToUpperInvariant(), me.Json.Str("displayName"));
        Assert.Equal(string.Empty, me.Json.Str("about"));
    }

    [Fact]
    public async Task PatchMe_UpdatesDisplayNameAndAbout_AndLogsUserUpdated()
    {
        var user = await Server.RegisterAsync();
        var cursor = await user.CursorAsync();

        var response = await user.Api.PatchAsync("/api/me", new { displayName = "  Grace Hopper ", about = "Line one\nLine two" });

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Grace Hopper", response.Json.Str("displayName"));
        var me = (await user.Api.GetAsync("/api/me")).Json;
        Assert.Equal("Grace Hopper", me.Str("displayName"));
        Assert.Equal("Line one\nLine two", me.Str("about"));
        var updated = Assert.Single(await user.EventsAfterAsync(cursor), e => e.Str("type") == "user.updated");
        Assert.Equal("Grace Hopper", updated.GetProperty("payload").GetProperty("user").Str("displayName"));
    }

    [Fact]
    public async Task PatchMe_OnlyAbout_KeepsTheDisplayName()
    {
        var user = await Server.RegisterAsync();
        (await user.Api.PatchAsync("/api/me", new { about = "just about" })).AssertStatus(HttpStatusCode.OK);

        var me = (await user.Api.GetAsync("/api/me")).Json;
        Assert.Equal(user.Username.ToUpperInvariant(), me.Str("displayName"));
        Assert.Equal("just about", me.Str("about"));
    }

    [Fact]
    public async Task PatchMe_DisplayNameOf1And64CodePoints_IsAccepted()
    {
        var user = await Server.RegisterAsync();
        (await user.Api.PatchAsync("/api/me", new { displayName = "X" })).AssertStatus(HttpStatusCode.OK);

        var emojiName = string.Concat(Enumerable.Repeat("😀", 64));
        var response = await user.Api.PatchAsync("/api/me", new { displayName = emojiName });
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(emojiName, response.Json.Str("displayName"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\tinside")]
    [InlineData("new\nline")]
    public async Task PatchMe_BlankOrControlCharacterDisplayName_IsRejected(string displayName)
    {
        var user = await Server.RegisterAsync();
        var response = await user.Api.PatchAsync("/api/me", new { displayName });

        response.AssertProblem(HttpStatusCode.BadRequest, "invalid_display_name");
        Assert.Equal(user.Username.ToUpperInvariant(), (await user.Api.GetAsync("/api/me")).Json.Str("displayName"));
    }

    [Fact]
    public async Task PatchMe_DisplayNameOf65_IsRejectedAndNothingChanges()
    {
        var user = await Server.RegisterAsync();
        var cursor = await user.CursorAsync();

        var response = await user.Api.PatchAsync("/api/me", new { displayName = new string('n', 65), about = "should not be saved" });

        response.AssertProblem(HttpStatusCode.BadRequest, "invalid_display_name");
        var me = (await user.Api.GetAsync("/api/me")).Json;
        Assert.Equal(string.Empty, me.Str("about"));
        Assert.DoesNotContain(await user.EventsAfterAsync(cursor), e => e.Str("type") == "user.updated");
    }

    [Fact]
    public async Task PatchMe_AboutOf500_IsAcceptedAnd501_IsRejected()
    {
        var user = await Server.RegisterAsync();
        (await user.Api.PatchAsync("/api/me", new { about = new string('a', 500) })).AssertStatus(HttpStatusCode.OK);

        (await user.Api.PatchAsync("/api/me", new { about = new string('b', 501) })).AssertProblem(HttpStatusCode.BadRequest, "invalid_about");
        Assert.Equal(new string('a', 500), (await user.Api.GetAsync("/api/me")).Json.Str("about"));
    }

    [Fact]
    public async Task SearchUsers_ByUsernameIgnoringCase_FindsTheUser()
    {
        var user = await Server.RegisterAsync(TestData.Username("MiXeD"));
        var searcher = await Server.RegisterAsync();

        var found = await searcher.Api.GetAsync($"/api/users?q={user.Username.ToLowerInvariant()}");

        found.AssertStatus(HttpStatusCode.OK);
        Assert.Contains(found.Json.Items(), u => u.Long("id") == user.Id);
    }

    [Fact]
    public async Task SearchUsers_ByPartOfDisplayNameIgnoringCase_FindsTheUser()
    {
        var user = await Server.RegisterAsync();
        var marker = Marker();
        (await user.Api.PatchAsync("/api/me", new { displayName = $"Ada {marker} Lovelace" })).AssertStatus(HttpStatusCode.OK);
        var searcher = await Server.RegisterAsync();

        var found = await searcher.Api.GetAsync($"/api/users?q={Uri.EscapeDataString(marker.ToLowerInvariant())}");

        var only = Assert.Single(found.Json.Items());
        Assert.Equal(user.Id, only.Long("id"));
    }

    [Fact]
    public async Task SearchUsers_CyrillicDisplayNameInAnotherCase_FindsTheUser()
    {
        var user = await Server.RegisterAsync();
        var marker = Marker();
        (await user.Api.PatchAsync("/api/me", new { displayName = $"Иван Петров {marker}" })).AssertStatus(HttpStatusCode.OK);
        var searcher = await Server.RegisterAsync();

        var exact = await searcher.Api.GetAsync($"/api/users?q={Uri.EscapeDataString("Петров " + marker)}");
        Assert.Contains(exact.Json.Items(), u => u.Long("id") == user.Id);

        var otherCase = await searcher.Api.GetAsync($"/api/users?q={Uri.EscapeDataString("петров " + marker)}");
        Assert.Contains(otherCase.Json.Items(), u => u.Long("id") == user.Id);
    }

    [Fact]
    public async Task SearchUsers_NoMatch_ReturnsAnEmptyList()
    {
        var searcher = await Server.RegisterAsync();
        var found = await searcher.Api.GetAsync($"/api/users?q={Marker()}");

        found.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(found.Json.Items());
    }

    [Fact]
    public async Task SearchUsers_LikeWildcards_AreMatchedLiterally()
    {
        var searcher = await Server.RegisterAsync();
        var found = await searcher.Api.GetAsync($"/api/users?q={Uri.EscapeDataString("%_%")}");

        found.AssertStatus(HttpStatusCode.OK);
        Assert.Empty(found.Json.Items());
    }

    [Fact]
    public async Task SearchUsers_QueryLongerThan64_IsRejectedWithInvalidQuery()
    {
        var searcher = await Server.RegisterAsync();
        (await searcher.Api.GetAsync($"/api/users?q={new string('q', 65)}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_query");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task SearchUsers_LimitOutOfRange_IsRejectedWithInvalidLimit(int limit)
    {
        var searcher = await Server.RegisterAsync();
        (await searcher.Api.GetAsync($"/api/users?q=a&limit={limit}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_limit");
    }

    [Fact]
    public async Task GetUser_Known_ReturnsTheirPublicProfile()
    {
        var user = await Server.RegisterAsync();
        var viewer = await Server.RegisterAsync();

        var response = await viewer.Api.GetAsync($"/api/users/{user.Id}");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(user.Username, response.Json.Str("username"));
        Assert.False(response.Json.TryGetProperty("passwordHash", out _));
    }

    [Fact]
    public async Task GetUser_Unknown_Is404UserNotFound()
    {
        var viewer = await Server.RegisterAsync();
        (await viewer.Api.GetAsync("/api/users/987654321")).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
    }
}
