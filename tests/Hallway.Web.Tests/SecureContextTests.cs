using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>
/// What needs a secure context (crypto.randomUUID, navigator.clipboard, notifications) has a
/// fallback or a message, so the client works the same at 127.0.0.1 and on plain HTTP at a LAN
/// name; and the first visit to the sign-in page logs nothing in red.
/// </summary>
public abstract class SecureContextTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task MessageStickerAndCopy_WorkOnThisOrigin()
    {
        var (alice, bob) = await Person.TwoInADirectChatAsync(browser, _server, "s", firstMessage: null);
        await using var a = alice;
        await using var b = bob;
        // The LAN run is the one that matters: there the browser has no randomUUID at all.
        Assert.Equal(browser.SecureContext, await alice.Page.EvaluateAsync<bool>("() => typeof crypto.randomUUID === 'function'"));

        await alice.SendAsync("Hello from the staff room");
        await bob.ChatRow("staff room").ClickAsync();
        await bob.Bubble("Hello from the staff room").WaitForAsync();
        await alice.Bubble("Hello from the staff room").Locator(".ticks").WaitForAsync();
        await Assertions.Expect(alice.Page.GetByLabel("Write a message…")).ToHaveValueAsync("");

        // The message's clientId is a version-4 UUID, made from getRandomValues on every origin.
        var clientId = await alice.Page.EvaluateAsync<string>("async () => { const chats = await (await fetch('/api/chats')).json(); const id = chats.find(c => c.chat.kind === 'direct').chat.id; const page = await (await fetch('/api/chats/' + id + '/messages?limit=1')).json(); return page.messages[0].clientId; }");
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", clientId);

        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Emoji and stickers" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Tab, new() { Name = "Stickers" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sticker: party" }).ClickAsync();
        await bob.Page.Locator(".bubble.sticker-bubble img.sticker[alt='Sticker: party']").WaitForAsync();
        await alice.Page.Locator(".bubble.sticker-bubble .ticks").WaitForAsync();

        // Copy goes through the clipboard helper (navigator.clipboard where there is one, a
        // selected text field where there is not) and says that it worked.
        await bob.Bubble("Hello from the staff room").Locator("summary").ClickAsync();
        await bob.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Copy" }).ClickAsync();
        await bob.Page.Locator(".toasts", new() { HasText = "Copied." }).WaitForAsync();

        Assert.Equal(0, await alice.Page.Locator(".composer-error").CountAsync());
        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task SendThatCannotStart_SaysSoAndKeepsTheText()
    {
        var (alice, bob) = await Person.TwoInADirectChatAsync(browser, _server, "s", firstMessage: null);
        await using var a = alice;
        await using var b = bob;
        await alice.SendAsync("first one");
        await alice.Bubble("first one").Locator(".ticks").WaitForAsync();

        // A browser that cannot make random numbers (as one without randomUUID could not before):
        // Enter must not swallow the text in silence, and neither may a sticker.
        await alice.Page.EvaluateAsync("() => { window.__random = crypto.getRandomValues; crypto.getRandomValues = () => { throw new Error('no randomness here'); }; }");
        await alice.SendAsync("second one");
        var error = alice.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The message was not sent" });
        await error.WaitForAsync();
        Assert.Contains("no randomness here", await error.TextContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(alice.Page.GetByLabel("Write a message…")).ToHaveValueAsync("second one");
        Assert.Equal(0, await alice.Bubble("second one").CountAsync());

        await alice.Page.GetByLabel("Write a message…").FillAsync("");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Emoji and stickers" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Tab, new() { Name = "Stickers" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sticker: party" }).ClickAsync();
        await error.WaitForAsync();
        Assert.Equal(0, await alice.Page.Locator(".bubble.sticker-bubble").CountAsync());
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Dialog, new() { Name = "Emoji and stickers" })).ToBeVisibleAsync();

        // Once it can, the same box sends, and the error goes.
        await alice.Page.EvaluateAsync("() => { crypto.getRandomValues = window.__random; }");
        await alice.Page.Keyboard.PressAsync("Escape");
        await alice.SendAsync("second one");
        await alice.Bubble("second one").Locator(".ticks").WaitForAsync();
        await bob.ChatRow("second one").ClickAsync();
        await bob.Bubble("second one").WaitForAsync();
        await Assertions.Expect(error).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Settings_SayWhetherNotificationsCanWorkHere()
    {
        await using var alice = await Person.OpenAsync(browser, _server, "Alice Smith");
        await alice.RegisterAsync("alice" + TestData.Username("n"));
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        var state = alice.Page.GetByTestId("notifications-state");
        await state.WaitForAsync();

        if (browser.SecureContext)
        {
            Assert.NotEqual("insecure", await state.GetAttributeAsync("data-state"));
        }
        else
        {
            Assert.Equal("insecure", await state.GetAttributeAsync("data-state"));
            Assert.Contains("HTTPS", await state.TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Turn on notifications" }).CountAsync());
        }
    }

    [Fact]
    public async Task SignInPage_FirstVisit_LogsNoConsoleErrorAndNoFailedRequest()
    {
        await using var visitor = await Person.OpenAsync(browser, _server, "Visitor", path: "/login");
        await visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await visitor.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(visitor.ConsoleErrors);
        Assert.Empty(visitor.FailedRequests);
        Assert.Empty(visitor.PageErrors);
        Assert.Empty(visitor.ForeignRequests);
    }

    [Fact]
    public async Task AppWithAStaleSessionCookie_GoesToSignInQuietly()
    {
        await using var visitor = await Person.OpenAsync(browser, _server, "Visitor", path: "/login");
        await visitor.Context.AddCookiesAsync([new Cookie { Name = "hallway_session", Value = "not-a-session", Url = visitor.Url("/") }]);
        visitor.ConsoleErrors.Clear();
        visitor.FailedRequests.Clear();

        await visitor.Page.GotoAsync(visitor.Url("/chats/1"));
        await visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await visitor.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.EndsWith("/login", visitor.Page.Url, StringComparison.Ordinal);
        Assert.Empty(visitor.ConsoleErrors);
        Assert.Empty(visitor.FailedRequests);
        // The server cleared the stale cookie.
        Assert.DoesNotContain(await visitor.Context.CookiesAsync(), c => c.Name == "hallway_session");
    }
}

public sealed class SecureContextTestsOnLocalhost(LocalhostBrowser browser) : SecureContextTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class SecureContextTestsOnLan(LanBrowser browser) : SecureContextTests(browser), IClassFixture<LanBrowser>;
