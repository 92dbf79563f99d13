using Hallway.Server.Realtime;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>Edits, deletes, reactions, groups and reconnecting, as two people see them.</summary>
public abstract class MessageActionsTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EditDeleteAndReact_AreSeenByTheOtherPerson()
    {
        var (alice, bob) = await Person.TwoInADirectChatAsync(browser, _server, "p");
        await using var a = alice;
        await using var b = bob;

        await alice.SendAsync("see you at 9");
        await bob.Bubble("see you at 9").WaitForAsync();

        // Alice edits her message; Bob sees the new text marked edited.
        await alice.Bubble("see you at 9").Locator("summary").ClickAsync();
        await alice.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Edit" }).ClickAsync();

        // The composer takes the message's text first; typing before that would be overwritten.
        await Assertions.Expect(alice.Page.GetByLabel("Write a message…")).ToHaveValueAsync("see you at 9");
        await alice.Page.GetByLabel("Write a message…").FillAsync("see you at 10");
        await alice.Page.Keyboard.PressAsync("Enter");
        await bob.Bubble("see you at 10").Locator(".edited").WaitForAsync();

        // Bob reacts; Alice sees the reaction with its count.
        await bob.Bubble("see you at 10").Locator("summary").ClickAsync();
        await bob.Page.GetByRole(AriaRole.Menuitem, new() { Name = "👍" }).ClickAsync();
        await alice.Bubble("see you at 10").Locator(".reaction", new() { HasText = "👍 1" }).WaitForAsync();

        // Alice deletes it; both see a tombstone in its place.
        await alice.Bubble("see you at 10").Locator("summary").ClickAsync();
        await alice.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync();
        await bob.Page.Locator(".bubble.tombstone", new() { HasText = "Message deleted" }).WaitForAsync();
        Assert.Equal(0, await bob.Bubble("see you at 10").CountAsync());
        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task AfterTheNetworkDrops_MissedMessagesArriveOnReconnect()
    {
        var (alice, bob) = await Person.TwoInADirectChatAsync(browser, _server, "p");
        await using var a = alice;
        await using var b = bob;
        var bobId = await bob.Page.EvaluateAsync<long>("async () => (await (await fetch('/api/me')).json()).id");

        // Cut Bob's network and drop his open socket, as a dead network would: he cannot get back
        // until the network returns, and his page says so.
        await bob.SetNetworkDownAsync(true);
        _server.App.Services.GetRequiredService<RealtimeHub>().CloseUser(bobId, 1001, "test: network cut");
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reconnecting" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await alice.SendAsync("sent while you were away");
        await alice.SendAsync("and another one");
        await alice.Bubble("and another one").Locator(".ticks").WaitForAsync();

        await bob.SetNetworkDownAsync(false);
        await bob.Bubble("sent while you were away").WaitForAsync(new() { Timeout = 30_000 });
        await bob.Bubble("and another one").WaitForAsync();
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reconnecting" })).ToHaveCountAsync(0);
        Assert.Equal(1, await bob.Bubble("sent while you were away").CountAsync());
    }
}

public sealed class MessageActionsTestsOnLocalhost(LocalhostBrowser browser) : MessageActionsTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class MessageActionsTestsOnLan(LanBrowser browser) : MessageActionsTests(browser), IClassFixture<LanBrowser>;
