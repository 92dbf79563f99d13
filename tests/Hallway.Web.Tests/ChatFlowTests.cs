using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>Two people in two browsers: register, find each other, chat live, and what they see.</summary>
public abstract class ChatFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TwoPeople_RegisterFindEachOther_AndChatInRealTime()
    {
        await using var alice = await Person.OpenAsync(browser, _server, "Alice Smith");
        await using var bob = await Person.OpenAsync(browser, _server, "Bob Jones");
        await alice.RegisterAsync("alice");
        await bob.RegisterAsync("bob");

        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "New chat" }).ClickAsync();
        await alice.Page.GetByLabel("Find people by name").FillAsync("bob");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Bob Jones" }).ClickAsync();
        await alice.SendAsync("Hello **Bob**! Lunch at 12:30?");

        // Bob sees the chat appear with an unread badge, opens it, and answers.
        await bob.ChatRow("Lunch at 12:30").Locator(".badge").WaitForAsync();
        await bob.ChatRow("Lunch at 12:30").ClickAsync();
        await bob.Bubble("Lunch at 12:30").Locator("strong", new() { HasText = "Bob" }).WaitForAsync();
        await bob.SendAsync("Yes, see you there");

        await alice.Bubble("see you there").WaitForAsync();
        // Bob has read Alice's message: her bubble shows the read ticks.
        await alice.Bubble("Lunch at 12:30").Locator(".ticks.read").WaitForAsync();

        await alice.ScreenshotAsync("desktop-light");
        await alice.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await alice.ScreenshotAsync("desktop-dark");
        await alice.Page.SetViewportSizeAsync(390, 760);
        await alice.ScreenshotAsync("phone-conversation");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Heading, new() { Name = "Chats" }).WaitForAsync();
        await alice.ScreenshotAsync("phone-chat-list");

        Assert.Empty(alice.ForeignRequests);
        Assert.Empty(bob.ForeignRequests);
        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task SignInPage_LoadsNothingFromOtherOrigins_AndSendsAStrictPolicy()
    {
        await using var visitor = await Person.OpenAsync(browser, _server, "Visitor");
        var response = await visitor.Page.GotoAsync(browser.Site(_server) + "login");
        await visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await visitor.ScreenshotAsync("sign-in");

        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Empty(visitor.ForeignRequests);
    }
}

public sealed class ChatFlowTestsOnLocalhost(LocalhostBrowser browser) : ChatFlowTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class ChatFlowTestsOnLan(LanBrowser browser) : ChatFlowTests(browser), IClassFixture<LanBrowser>;
