using System.Text.Json;
using System.Text.RegularExpressions;
using Hallway.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hallway.Web.Tests;

/// <summary>
/// Groups, channels and contacts through the web client: three people in three browsers create a
/// group, chat, rename it, leave it and mute it; the contacts page; and what bad input shows.
/// </summary>
public abstract class GroupFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ThreePeople_MakeAGroup_ChatRenameLeaveAndMute()
    {
        await using var alice = await Person.OpenAsync(browser, _server, "Alice Smith");
        await using var bob = await Person.OpenAsync(browser, _server, "Bob Jones");
        await using var carol = await Person.OpenAsync(browser, _server, "Carol White");
        await alice.RegisterAsync("alice");
        await bob.RegisterAsync("bob");
        await carol.RegisterAsync("carol");

        // Bob reads the Lobby meanwhile: the group's messages must show up as unread.
        await bob.ChatRow("Lobby").ClickAsync();

        await CreateAsync(alice, "group", "Kitchen crew", "Coffee and cake", ["Bob Jones", "Carol White"]);
        var chatId = ChatIdOf(alice.Page.Url);
        await bob.ChatRow("Kitchen crew").WaitForAsync();
        await carol.ChatRow("Kitchen crew").ClickAsync();

        await alice.SendAsync("Cake in the kitchen at 3");
        await carol.Bubble("Cake in the kitchen").WaitForAsync();
        await Expect(bob.ChatRow("Kitchen crew").Locator(".badge")).ToHaveTextAsync("1");
        await alice.SendAsync("Bring plates please");
        await Expect(bob.ChatRow("Kitchen crew").Locator(".badge")).ToHaveTextAsync("2");

        await bob.ChatRow("Kitchen crew").ClickAsync();
        await bob.Bubble("Bring plates").WaitForAsync();
        await Expect(bob.ChatRow("Kitchen crew").Locator(".badge")).ToHaveCountAsync(0);
        await bob.SendAsync("On my way");
        await carol.Bubble("On my way").WaitForAsync();

        // Others' messages in a group carry the sender's avatar beside the first bubble of a run.
        await alice.Bubble("On my way").WaitForAsync();
        await Expect(alice.Page.Locator(".bubble-line", new() { Has = alice.Bubble("On my way") }).Locator(".avatar")).ToHaveTextAsync("BJ");
        await Expect(bob.Page.Locator(".bubble-line", new() { Has = bob.Bubble("Bring plates") }).Locator(".avatar")).ToHaveCountAsync(0);

        // The info panel has its own address; back and forward move between it and the chat.
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Open chat info" }).ClickAsync();
        await Expect(alice.Page).ToHaveURLAsync(new Regex($"/chats/{chatId}/info$"));
        var aliceInfo = alice.Page.Locator(".chat-info");
        await Expect(aliceInfo.Locator(".member")).ToHaveCountAsync(3);
        await Expect(aliceInfo.Locator(".member", new() { HasText = "Alice Smith" }).Locator(".role-chip")).ToHaveTextAsync("owner");
        await Expect(aliceInfo.Locator(".member", new() { HasText = "Bob Jones" })).ToContainTextAsync("online");
        await Expect(aliceInfo).ToContainTextAsync("Coffee and cake");
        await alice.Page.GoBackAsync();
        await Expect(alice.Page).ToHaveURLAsync(new Regex($"/chats/{chatId}$"));
        await Expect(aliceInfo).ToHaveCountAsync(0);
        await alice.Page.GoForwardAsync();
        await Expect(aliceInfo.Locator(".member")).ToHaveCountAsync(3);

        // Bob, a plain member, sees the members but no editing.
        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "Open chat info" }).ClickAsync();
        var bobInfo = bob.Page.Locator(".chat-info");
        await Expect(bobInfo.Locator(".member")).ToHaveCountAsync(3);
        await Expect(bobInfo.GetByRole(AriaRole.Button, new() { Name = "Edit title and description" })).ToHaveCountAsync(0);

        // Alice renames the group; everyone sees the new title.
        await aliceInfo.GetByRole(AriaRole.Button, new() { Name = "Edit title and description" }).ClickAsync();
        await aliceInfo.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Coffee corner");
        await aliceInfo.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        // The panel has two status lines (the picture picker's and the form's): the form's says it.
        await Expect(aliceInfo.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToHaveCountAsync(1);
        await bob.ChatRow("Coffee corner").WaitForAsync();
        await Expect(bob.Page.Locator(".conversation-title h2")).ToContainTextAsync("Coffee corner");
        await Expect(bobInfo.Locator(".chat-info-title")).ToHaveTextAsync("Coffee corner");
        await carol.ChatRow("Coffee corner").WaitForAsync();

        // Alice makes Bob an admin; Bob's panel shows it.
        await aliceInfo.GetByLabel("Actions for Bob Jones").ClickAsync();
        await aliceInfo.GetByRole(AriaRole.Menuitem, new() { Name = "Make admin" }).ClickAsync();
        await Expect(bobInfo.Locator(".member", new() { HasText = "Bob Jones" }).Locator(".role-chip")).ToHaveTextAsync("admin");

        await ScrollInfoToTopAsync(alice);
        await alice.ScreenshotAsync("chat-info-desktop-light");

        // Carol leaves (after confirming); she is back at the chat list and gone from the others' lists.
        await carol.Page.GetByRole(AriaRole.Link, new() { Name = "Open chat info" }).ClickAsync();
        await carol.Page.GetByRole(AriaRole.Button, new() { Name = "Leave group" }).ClickAsync();
        await carol.Page.GetByRole(AriaRole.Button, new() { Name = "Yes: Leave group" }).ClickAsync();
        await Expect(carol.Page).ToHaveURLAsync(new Regex("/$"));
        await Expect(carol.ChatRow("Coffee corner")).ToHaveCountAsync(0);
        await Expect(aliceInfo.Locator(".member")).ToHaveCountAsync(2);
        await Expect(aliceInfo.Locator(".member", new() { HasText = "Carol White" })).ToHaveCountAsync(0);
        await Expect(bobInfo.Locator(".member", new() { HasText = "Carol White" })).ToHaveCountAsync(0);

        // Alice adds Carol back from the panel's search, then removes her; Carol's list follows.
        await aliceInfo.GetByRole(AriaRole.Button, new() { Name = "Add members" }).ClickAsync();
        await aliceInfo.GetByLabel("Find people to add").FillAsync("carol");
        await aliceInfo.GetByRole(AriaRole.Button, new() { Name = "Add Carol White to the chat" }).ClickAsync();
        await Expect(aliceInfo.Locator(".member")).ToHaveCountAsync(3);
        await Expect(bobInfo.Locator(".member", new() { HasText = "Carol White" })).ToHaveCountAsync(1);
        await carol.ChatRow("Coffee corner").WaitForAsync();
        await aliceInfo.GetByLabel("Actions for Carol White").ClickAsync();
        await aliceInfo.GetByRole(AriaRole.Menuitem, new() { Name = "Remove from the chat" }).ClickAsync();
        await Expect(aliceInfo.Locator(".member")).ToHaveCountAsync(2);
        await Expect(carol.ChatRow("Coffee corner")).ToHaveCountAsync(0);

        // Alice mutes the group: the muted icon shows in her list and header.
        await aliceInfo.GetByLabel("Mute notifications").CheckAsync();
        await alice.ChatRow("Coffee corner").Locator(".muted-icon").WaitForAsync();
        await alice.Page.Locator(".conversation-header .muted-icon").WaitForAsync();
        var summary = await ApiAsync(alice, $"/api/chats/{chatId}");
        Assert.True(summary.GetProperty("muted").GetBoolean());
        Assert.Equal("Coffee corner", summary.GetProperty("chat").GetProperty("title").GetString());

        await alice.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await ScrollInfoToTopAsync(alice);
        await alice.ScreenshotAsync("chat-info-desktop-dark");
        await alice.Page.SetViewportSizeAsync(390, 760);
        await ScrollInfoToTopAsync(alice);
        await alice.ScreenshotAsync("chat-info-phone-dark");
        await alice.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await alice.ScreenshotAsync("chat-info-phone-light");
        await aliceInfo.GetByRole(AriaRole.Link, new() { Name = "Close chat info" }).ClickAsync();
        // The conversation was hidden behind the panel on the phone: its messages show again.
        await alice.Bubble("On my way").WaitForAsync();
        await alice.ScreenshotAsync("group-phone-light");

        foreach (var person in new[] { alice, bob, carol })
        {
            Assert.Empty(person.ForeignRequests);
            Assert.Empty(person.PageErrors);
        }
    }

    [Fact]
    public async Task Channel_MembersSeeANoteInsteadOfTheComposer()
    {
        await using var alice = await Person.OpenAsync(browser, _server, "Alice Smith");
        await using var bob = await Person.OpenAsync(browser, _server, "Bob Jones");
        await alice.RegisterAsync("alice");
        await bob.RegisterAsync("bob");

        await CreateAsync(alice, "channel", "Announcements", "News from the office", ["Bob Jones"], "new-channel-dialog");
        await alice.SendAsync("The lift is fixed");
        await bob.ChatRow("Announcements").ClickAsync();
        await bob.Bubble("The lift is fixed").WaitForAsync();
        await Expect(bob.Page.GetByText("Only admins post in this channel.")).ToBeVisibleAsync();
        await Expect(bob.Page.GetByLabel("Write a message…")).ToHaveCountAsync(0);
        await bob.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await bob.ScreenshotAsync("channel-member-dark");
        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "Open chat info" }).ClickAsync();
        await Expect(bob.Page.Locator(".chat-info-kind")).ToHaveTextAsync("Channel");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Leave channel" }).WaitForAsync();
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task Contacts_AddFromChatInfoAndSearch_OpenAChat_Remove()
    {
        await using var alice = await Person.OpenAsync(browser, _server, "Alice Smith");
        await using var bob = await Person.OpenAsync(browser, _server, "Bob Jones");
        await alice.RegisterAsync("alice");
        await bob.RegisterAsync("bob");

        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Contacts", Exact = true }).ClickAsync();
        await Expect(alice.Page).ToHaveURLAsync(new Regex("/contacts$"));
        await alice.Page.GetByText("No contacts yet").WaitForAsync();

        // From the search on the contacts page.
        await alice.Page.GetByLabel("Find people by name").FillAsync("bob");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Add Bob Jones to contacts" }).ClickAsync();
        var bobRow = alice.Page.Locator(".contact", new() { HasText = "Bob Jones" });
        await Expect(bobRow).ToContainTextAsync("online");

        // Open a direct chat from there.
        await bobRow.GetByRole(AriaRole.Button, new() { Name = "Message Bob Jones" }).ClickAsync();
        await Expect(alice.Page).ToHaveURLAsync(new Regex("/chats/\\d+$"));
        await Expect(alice.Page.Locator(".conversation-title h2")).ToContainTextAsync("Bob Jones");
        await alice.SendAsync("Found you in my contacts");
        await bob.ChatRow("Found you").WaitForAsync();

        // Bob adds Alice from the direct chat's info panel.
        await bob.ChatRow("Found you").ClickAsync();
        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "Open chat info" }).ClickAsync();
        await bob.Page.Locator(".chat-info").GetByRole(AriaRole.Button, new() { Name = "Add to contacts" }).ClickAsync();
        await bob.Page.GetByText("In your contacts").WaitForAsync();
        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "Contacts", Exact = true }).ClickAsync();
        await bob.Page.Locator(".contact", new() { HasText = "Alice Smith" }).WaitForAsync();
        await bob.ScreenshotAsync("contacts-desktop-light");

        // Alice removes Bob; the server agrees he is gone.
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Contacts", Exact = true }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Remove Bob Jones from contacts" }).ClickAsync();
        await alice.Page.GetByText("No contacts yet").WaitForAsync();
        Assert.Equal(0, (await ApiAsync(alice, "/api/contacts")).GetArrayLength());
        var bobContacts = await ApiAsync(bob, "/api/contacts");
        Assert.Equal("alice", Assert.Single(bobContacts.EnumerateArray()).GetProperty("username").GetString());

        // "Delete chat for me" on a direct chat asks first, then leaves the list.
        await bob.ChatRow("Found you").ClickAsync();
        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "Open chat info" }).ClickAsync();
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Delete chat for me" }).ClickAsync();
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Delete chat for me" }).ClickAsync();
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Yes: Delete chat for me" }).ClickAsync();
        await Expect(bob.Page).ToHaveURLAsync(new Regex("/$"));
        await Expect(bob.ChatRow("Found you")).ToHaveCountAsync(0);
        Assert.DoesNotContain((await ApiAsync(bob, "/api/chats")).EnumerateArray(), c => c.GetProperty("chat").GetProperty("kind").GetString() == "direct");

        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task BadInput_BlankTitles_AreRefusedWithAMessage_AndNothingChanges()
    {
        await using var alice = await Person.OpenAsync(browser, _server, "Alice Smith");
        var bob = await _server.RegisterAsync("bob");
        await alice.RegisterAsync("alice");

        // A title of spaces passes the browser's "required" but not the server: the dialog says why.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "New chat" }).ClickAsync();
        await alice.Page.GetByLabel("Find people by name").FillAsync("bob");
        await alice.Page.GetByLabel("Pick bob").CheckAsync();
        var form = alice.Page.Locator("form.new-group");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("   ");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The title must be 1–100 characters on one line.");
        await Expect(alice.Page.Locator("dialog[open]")).ToHaveCountAsync(1);
        var chats = await ApiAsync(alice, "/api/chats");
        Assert.Equal("lobby", Assert.Single(chats.EnumerateArray()).GetProperty("chat").GetProperty("kind").GetString());
        Assert.Equal(0, (await bob.Api.GetAsync("/api/chats")).EnsureSuccess().Json.EnumerateArray().Count(c => c.GetProperty("chat").GetProperty("kind").GetString() == "group"));

        // A real group, then a blank rename: refused with the same message, the title stays.
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Book club");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Expect(alice.Page).ToHaveURLAsync(new Regex("/chats/\\d+$"));
        var chatId = ChatIdOf(alice.Page.Url);
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Open chat info" }).ClickAsync();
        var info = alice.Page.Locator(".chat-info");
        await info.GetByRole(AriaRole.Button, new() { Name = "Edit title and description" }).ClickAsync();
        await info.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("  ");
        await info.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(info.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The title must be 1–100 characters on one line.");
        Assert.Equal("Book club", (await ApiAsync(alice, $"/api/chats/{chatId}")).GetProperty("chat").GetProperty("title").GetString());

        Assert.Empty(alice.PageErrors);

        // An unknown chat's info address shows the empty state.
        await alice.Page.GotoAsync(browser.Site(_server) + "chats/999999/info");
        await alice.Page.GetByText("Choose a chat on the left").First.WaitForAsync();
    }

    /// <summary>Opens the new-chat dialog, picks people and creates a group or channel.</summary>
    private static async Task CreateAsync(Person owner, string kind, string title, string description, string[] names, string? screenshot = null)
    {
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "New chat" }).ClickAsync();
        foreach (var name in names)
        {
            await owner.Page.GetByLabel("Find people by name").FillAsync(name);
            await owner.Page.GetByLabel($"Pick {name}").CheckAsync();
        }

        var form = owner.Page.Locator("form.new-group");
        await form.GetByLabel(kind == "group" ? "Group" : "Channel", new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync(title);
        await form.GetByLabel("Description").FillAsync(description);
        if (screenshot is not null)
        {
            await owner.ScreenshotAsync(screenshot);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = kind == "group" ? "Create group" : "Create channel" }).ClickAsync();
        await Expect(owner.Page).ToHaveURLAsync(new Regex("/chats/\\d+$"));
        await Expect(owner.Page.Locator(".conversation-title h2")).ToContainTextAsync(title);
    }

    /// <summary>Interactions scroll the panel; screenshots show it from its top.</summary>
    private static Task ScrollInfoToTopAsync(Person person) => person.Page.Locator(".chat-info-body").EvaluateAsync("body => body.scrollTop = 0");

    private static long ChatIdOf(string url) => long.Parse(Regex.Match(url, @"/chats/(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Asks the server directly with the person's own session cookie, from inside the page:
    /// Playwright's own request client would resolve the host itself, and it knows nothing of the
    /// LAN name that only the browser's resolver maps.
    /// </summary>
    private static Task<JsonElement> ApiAsync(Person person, string path) =>
        person.Page.EvaluateAsync<JsonElement>("async path => { const r = await fetch(path); if (!r.ok) throw new Error(path + ': ' + r.status); return await r.json(); }", path);
}

public sealed class GroupFlowTestsOnLocalhost(LocalhostBrowser browser) : GroupFlowTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class GroupFlowTestsOnLan(LanBrowser browser) : GroupFlowTests(browser), IClassFixture<LanBrowser>;
