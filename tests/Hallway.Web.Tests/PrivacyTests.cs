using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>The Privacy card in settings, and what another person meets when it says no.</summary>
public abstract class PrivacyTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task OpenSettingsAsync(Person person)
    {
        await person.Page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await person.Page.GetByRole(AriaRole.Heading, new() { Name = "Privacy" }).WaitForAsync();
    }

    /// <summary>Chooses an option in the Privacy card, saves, and waits for the card to say so.</summary>
    private static async Task SetPrivacyAsync(Person person, string label, string value)
    {
        var card = person.Page.Locator("form.card", new() { Has = person.Page.GetByRole(AriaRole.Heading, new() { Name = "Privacy" }) });
        var select = card.GetByLabel(label);
        await Assertions.Expect(select).ToBeEnabledAsync();
        await select.SelectOptionAsync(value);
        await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
    }

    private static async Task SearchAsync(Person person, string query)
    {
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "New chat" }).ClickAsync();
        await person.Page.GetByLabel("Find people by name").FillAsync(query);
    }

    [Fact]
    public async Task FindMeNobody_HidesThePersonFromAnotherPersonsSearch()
    {
        var suffix = TestData.Username("f");
        await using var alice = await Person.OpenAsync(browser, _server, "Alice Smith");
        await using var bob = await Person.OpenAsync(browser, _server, "Bob Jones");
        await alice.RegisterAsync("alice" + suffix);
        await bob.RegisterAsync("bob" + suffix);
        // Someone else whose name also matches "bo": once she is listed, the search has answered.
        await TestUser.RegisterAsync(_server.BaseAddress, "bonnie" + suffix);

        await SearchAsync(alice, "bo");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "BONNIE" + suffix.ToUpperInvariant() }).WaitForAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Bob Jones" }).WaitForAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await OpenSettingsAsync(bob);
        await SetPrivacyAsync(bob, "Who can find me in search", "nobody");
        await bob.ScreenshotAsync("settings-privacy-light");

        await SearchAsync(alice, "bo");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "BONNIE" + suffix.ToUpperInvariant() }).WaitForAsync();
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Button, new() { Name = "Bob Jones" })).ToHaveCountAsync(0);

        // The setting survives a reload of Bob's settings page.
        await bob.Page.ReloadAsync();
        await Assertions.Expect(bob.Page.GetByLabel("Who can find me in search")).ToHaveValueAsync("nobody");
        await bob.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await bob.Page.SetViewportSizeAsync(390, 760);
        await bob.Page.GetByRole(AriaRole.Heading, new() { Name = "Privacy" }).ScrollIntoViewIfNeededAsync();
        await bob.ScreenshotAsync("settings-privacy-phone-dark");

        Assert.Empty(alice.ForeignRequests);
        Assert.Empty(bob.ForeignRequests);
        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task MessagesFromContactsOnly_ShowsTheTranslatedRefusal_WhenSendingAndOpening()
    {
        var suffix = TestData.Username("m");
        await using var alice = await Person.OpenAsync(browser, _server, "Alice Smith");
        await using var bob = await Person.OpenAsync(browser, _server, "Bob Jones");
        await alice.RegisterAsync("alice" + suffix);
        await bob.RegisterAsync("bob" + suffix);
        await SearchAsync(alice, "bob" + suffix);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Bob Jones" }).ClickAsync();
        await alice.SendAsync("hello before");
        await alice.Bubble("hello before").Locator(".ticks").WaitForAsync();

        await OpenSettingsAsync(bob);
        await SetPrivacyAsync(bob, "Who can message me", "contacts");

        await alice.SendAsync("hello after");
        await alice.Bubble("hello after").GetByRole(AriaRole.Button, new() { Name = "Not sent: this person accepts messages only from their contacts. Tap to retry." }).WaitForAsync();

        await SearchAsync(alice, "bob" + suffix);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Bob Jones" }).ClickAsync();
        await Assertions.Expect(alice.Page.Locator("dialog").GetByRole(AriaRole.Alert)).ToHaveTextAsync("Bob Jones accepts messages only from their contacts.");
        await alice.ScreenshotAsync("privacy-refused-light");

        Assert.Empty(alice.ForeignRequests);
        Assert.Empty(bob.ForeignRequests);
        Assert.Empty(alice.PageErrors);
        Assert.Empty(bob.PageErrors);
    }
}

public sealed class PrivacyTestsOnLocalhost(LocalhostBrowser browser) : PrivacyTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class PrivacyTestsOnLan(LanBrowser browser) : PrivacyTests(browser), IClassFixture<LanBrowser>;
