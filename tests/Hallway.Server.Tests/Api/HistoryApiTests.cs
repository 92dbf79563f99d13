using System.Net;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Chat history pages: before, after, limit and hasMore.</summary>
public sealed class HistoryApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    /// <summary>A fresh group with messages m1..mN (seq 1..N).</summary>
    private async Task<(TestUser User, long ChatId)> ChatWithAsync(int count)
    {
        var user = await Server.RegisterAsync();
        var chatId = await user.CreateChatAsync("group");
        for (var i = 1; i <= count; i++)
        {
            await user.SendAsync(chatId, $"m{i}");
        }

        return (user, chatId);
    }

    private static async Task<(long[] Seqs, bool HasMore)> PageAsync(TestUser user, long chatId, string query)
    {
        var response = await user.Api.GetAsync($"/api/chats/{chatId}/messages{query}");
        response.AssertStatus(HttpStatusCode.OK);
        return ([.. response["messages"].Items().Select(m => m.Long("seq"))], response.Json.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task History_Default_IsTheWholeShortChatOldestFirst()
    {
        var (user, chatId) = await ChatWithAsync(3);

        var (seqs, hasMore) = await PageAsync(user, chatId, string.Empty);

        Assert.Equal([1L, 2L, 3L], seqs);
        Assert.False(hasMore);
        Assert.Equal(["m1", "m2", "m3"], await user.TextsAsync(chatId));
    }

    [Fact]
    public async Task History_Limit_ReturnsTheNewestPage()
    {
        var (user, chatId) = await ChatWithAsync(5);

        var (seqs, hasMore) = await PageAsync(user, chatId, "?limit=2");

        Assert.Equal([4L, 5L], seqs);
        Assert.True(hasMore);
    }

    [Fact]
    public async Task History_Before_WalksBackToTheStart()
    {
        var (user, chatId) = await ChatWithAsync(5);

        var middle = await PageAsync(user, chatId, "?before=4&limit=2");
        Assert.Equal([2L, 3L], middle.Seqs);
        var last = await PageAsync(user, chatId, "?before=2&limit=2");
        Assert.Equal([1L], last.Seqs);
        Assert.False(last.HasMore);
    }

    [Fact]
    public async Task History_After_WalksForward()
    {
        var (user, chatId) = await ChatWithAsync(5);

        var first = await PageAsync(user, chatId, "?after=1&limit=2");
        Assert.Equal([2L, 3L], first.Seqs);
        Assert.True(first.HasMore);
        var last = await PageAsync(user, chatId, "?after=3&limit=5");
        Assert.Equal([4L, 5L], last.Seqs);
        Assert.False(last.HasMore);
        Assert.Empty((await PageAsync(user, chatId, "?after=5")).Seqs);
    }

    [Fact]
    public async Task History_PageEndingExactlyAtTheFirstMessage_HasNoMore()
    {
        var (user, chatId) = await ChatWithAsync(4);

        var page = await PageAsync(user, chatId, "?before=3&limit=2");

        Assert.Equal([1L, 2L], page.Seqs);
        Assert.False(page.HasMore, "hasMore is exact: seq 1 is the oldest");
    }

    [Fact]
    public async Task History_PageEndingExactlyAtTheNewestMessage_HasNoMore()
    {
        var (user, chatId) = await ChatWithAsync(4);

        var page = await PageAsync(user, chatId, "?after=2&limit=2");

        Assert.Equal([3L, 4L], page.Seqs);
        Assert.False(page.HasMore, "hasMore is exact: seq 4 is the newest");
    }

    [Fact]
    public async Task History_NewestPageHoldingEverything_HasNoMore()
    {
        var (user, chatId) = await ChatWithAsync(3);

        var page = await PageAsync(user, chatId, "?limit=3");

        Assert.Equal([1L, 2L, 3L], page.Seqs);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task History_ShortPage_HasNoMoreInEitherDirection()
    {
        var (user, chatId) = await ChatWithAsync(4);

        Assert.False((await PageAsync(user, chatId, "?before=3&limit=3")).HasMore);
        Assert.False((await PageAsync(user, chatId, "?after=2&limit=3")).HasMore);
        Assert.False((await PageAsync(user, chatId, "?limit=5")).HasMore);
    }

    [Fact]
    public async Task History_IncludesTombstonesInPlace()
    {
        var (user, chatId) = await ChatWithAsync(3);
        var middle = (await user.HistoryAsync(chatId))[1];
        (await user.Api.DeleteAsync($"/api/messages/{middle.Long("id")}")).AssertStatus(HttpStatusCode.OK);

        var history = await user.HistoryAsync(chatId);

        Assert.Equal([1L, 2L, 3L], history.Select(m => m.Long("seq")));
        Assert.Equal(["m1", "", "m3"], history.Select(m => m.Str("text")));
        Assert.True(history[1].GetProperty("deleted").GetBoolean());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task History_LimitAtTheBounds_IsAccepted(int limit)
    {
        var (user, chatId) = await ChatWithAsync(2);
        var (seqs, _) = await PageAsync(user, chatId, $"?limit={limit}");
        Assert.Equal(Math.Min(limit, 2), seqs.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public async Task History_LimitOutOfRange_IsRejectedWithInvalidLimit(int limit)
    {
        var (user, chatId) = await ChatWithAsync(1);
        (await user.Api.GetAsync($"/api/chats/{chatId}/messages?limit={limit}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_limit");
    }

    [Fact]
    public async Task History_BothBeforeAndAfter_IsRejectedWithBadRequest()
    {
        var (user, chatId) = await ChatWithAsync(3);
        (await user.Api.GetAsync($"/api/chats/{chatId}/messages?before=3&after=1")).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task History_NonNumericLimit_IsRejectedWithBadRequest()
    {
        var (user, chatId) = await ChatWithAsync(1);
        (await user.Api.GetAsync($"/api/chats/{chatId}/messages?limit=ten")).AssertProblem(HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task History_UnknownChat_Is404ChatNotFound()
    {
        var user = await Server.RegisterAsync();
        (await user.Api.GetAsync("/api/chats/987654321/messages")).AssertProblem(HttpStatusCode.NotFound, "chat_not_found");
    }
}
