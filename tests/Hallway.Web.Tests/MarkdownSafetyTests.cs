using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>Message text is Markdown rendered in the browser: the usual XSS payloads must not run.</summary>
public abstract class MarkdownSafetyTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] Payloads =
    [
        "<script>window.__xss = 'script'</script>",
        "<img src=x onerror=\"window.__xss='img'\">",
        "[click me](javascript:window.__xss='link')",
        "<svg onload=\"window.__xss='svg'\"><circle r=5 /></svg>",
        "<a href=\"javascript:window.__xss='a'\">a</a>",
        "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
        "<div onmouseover=\"window.__xss='hover'\" style=\"width:100%;height:100%\">hover</div>",
        "![x](x\" onerror=\"window.__xss='md-img')",
        "<details open ontoggle=\"window.__xss='details'\">x</details>",
    ];

    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task XssPayloadsInMessages_DoNotExecute_AndLinksStaySafe()
    {
        // Alice sends the payloads over the API; Bob reads them in the browser.
        var alice = await _server.RegisterAsync();
        await using var bob = await Person.OpenAsync(browser, _server, "Bob Jones");
        var bobName = TestData.Username("bob");
        await bob.RegisterAsync(bobName);
        var bobId = (await alice.Api.GetAsync($"/api/users?q={bobName}")).Json[0].GetProperty("id").GetInt64();
        var chatId = (await alice.Api.PostAsync("/api/chats/direct", new { userId = bobId })).EnsureSuccess()["chat"].GetProperty("id").GetInt64();
        foreach (var payload in Payloads)
        {
            await alice.SendAsync(chatId, payload);
        }

        await alice.SendAsync(chatId, "the last one");
        var dialogs = 0;
        bob.Page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await bob.Page.GotoAsync(browser.Site(_server) + $"chats/{chatId}");
        await bob.Bubble("the last one").WaitForAsync();
        foreach (var link in await bob.Page.Locator(".bubble a").AllAsync())
        {
            await link.HoverAsync();
            var href = await link.GetAttributeAsync("href");
            Assert.False(href is not null && href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), $"unsafe link {href}");
        }

        await bob.Page.Mouse.MoveAsync(600, 300);
        Assert.Null(await bob.Page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await bob.Page.Locator(".bubble script, .bubble iframe, .bubble svg, .bubble img").CountAsync());
        Assert.Empty(bob.PageErrors);
    }
}

public sealed class MarkdownSafetyTestsOnLocalhost(LocalhostBrowser browser) : MarkdownSafetyTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class MarkdownSafetyTestsOnLan(LanBrowser browser) : MarkdownSafetyTests(browser), IClassFixture<LanBrowser>;
