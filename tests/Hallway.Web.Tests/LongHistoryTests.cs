using System.Text.Json;
using Hallway.Core.Accounts;
using Hallway.Core.Messages;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>
/// A chat of ten thousand messages: the list keeps only what is near the viewport in the DOM,
/// older pages load as the reader scrolls up without moving what they are reading, and a new
/// message while reading old history shows up on the jump-to-latest button.
/// </summary>
public abstract class LongHistoryTests(BrowserFixture browser) : IAsyncLifetime
{
    private const int Count = 10_000;
    private const int MaxRendered = 200;

    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>
    /// Sends through the message service in this process, every send queued before any is awaited:
    /// the store's group commit writes them in a few large transactions, in the order queued, so
    /// "msg 00001" is seq 1. Bubbles differ in height: some are several lines, some the longest
    /// text allowed.
    /// </summary>
    private async Task SeedAsync(long chatId, TestUser alice, TestUser bob)
    {
        var messages = _server.App.Services.GetRequiredService<MessageService>();
        var callers = new[] { alice, bob }.Select(u => new Caller(_server.Store.Read(tx => tx.GetUser(u.Id))!, 0)).ToArray();
        var sends = new List<Task>(Count);
        for (var i = 1; i <= Count; i++)
        {
            var text = (i % 13) switch
            {
                0 => $"msg {i:D5}\n\nsecond paragraph\n\n- a list\n- of things",
                5 => $"msg {i:D5} " + new string('x', i % 1000 == 5 ? 3900 : 300),
                _ => $"msg {i:D5}",
            };
            sends.Add(messages.SendAsync(callers[i % 2], chatId, TestData.ClientId(), text, null));
        }

        await Task.WhenAll(sends);
    }

    private static async Task SignInAsync(Person person, TestUser user)
    {
        await person.Page.GotoAsync(new Uri(new Uri(person.Page.Url), "/login").ToString());
        await person.Page.GetByLabel("Username").FillAsync(user.Username);
        await person.Page.GetByLabel("Password").FillAsync(user.Password);
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await person.Page.GetByRole(AriaRole.Heading, new() { Name = "Chats" }).WaitForAsync();
    }

    private static Task<int> RenderedAsync(Person p) => p.Page.Locator(".messages .bubble").CountAsync();

    private static Task ScrollToAsync(Person p, double top) =>
        p.Page.EvalOnSelectorAsync(".messages", "(box, top) => { box.scrollTop = top; }", top);

    private static Task<int> LoadedAsync(Person p) =>
        p.Page.EvalOnSelectorAsync<int>(".message-window", "w => +w.dataset.count");

    private static Task NextFramesAsync(Person p) =>
        p.Page.WaitForFunctionAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");

    /// <summary>Scrolls by <paramref name="by"/> pixels and says which rendered row covers the viewport's top, and where, before any scroll event runs.</summary>
    private static async Task<(string Key, double Top)> ScrollByAsync(Person p, double by)
    {
        var at = await p.Page.EvalOnSelectorAsync<JsonElement>(".messages", """
            (box, by) => {
              box.scrollTop += by;
              const boxTop = box.getBoundingClientRect().top;
              const row = [...box.querySelectorAll('.message-row')].find(r => r.getBoundingClientRect().bottom > boxTop && r.getBoundingClientRect().top <= boxTop + 1);
              return { key: row.dataset.key, top: row.getBoundingClientRect().top - boxTop };
            }
            """, by);
        return (at.GetProperty("key").GetString()!, at.GetProperty("top").GetDouble());
    }

    private static Task<double> RowTopAsync(Person p, string key) =>
        p.Page.EvalOnSelectorAsync<double>(".messages", """
            (box, key) => box.querySelector(`[data-key="${key}"]`).getBoundingClientRect().top - box.getBoundingClientRect().top
            """, key);

    /// <summary>
    /// Scrolls to the top and waits until an older page has been prepended (more rows are loaded)
    /// or there is nothing older left.
    /// </summary>
    private static async Task LoadOlderPageAsync(Person p)
    {
        var loaded = await LoadedAsync(p);
        await ScrollToAsync(p, 0);
        try
        {
            await p.Page.WaitForFunctionAsync($"() => +document.querySelector('.message-window').dataset.count > {loaded} || !document.querySelector('.loading-older')", null, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            var state = await p.Page.EvalOnSelectorAsync<string>(".messages", "b => JSON.stringify({ top: b.scrollTop, h: b.scrollHeight, c: b.clientHeight, first: b.querySelector('.message-window').firstElementChild?.dataset.key, pad: b.querySelector('.message-window').style.cssText, older: !!b.querySelector('.loading-older'), n: b.querySelectorAll('.message-row').length })");
            throw new TimeoutException($"No older page was prepended after {loaded} rows; the list: {state}");
        }
    }

    [Fact]
    public async Task TenThousandMessages_StayFewInTheDom_AndKeepTheReadingPosition()
    {
        var alice = await _server.RegisterAsync(TestData.Username("alice"));
        var bob = await _server.RegisterAsync(TestData.Username("bob"));
        var chatId = await alice.OpenDirectAsync(bob);
        await SeedAsync(chatId, alice, bob);

        await using var person = await Person.OpenAsync(browser, _server, "Alice");
        await SignInAsync(person, alice);
        await person.ChatRow("msg 10000").ClickAsync();
        await Assertions.Expect(person.Bubble("msg 10000")).ToBeInViewportAsync();

        // (a) At the bottom only a window of rows is rendered.
        Assert.InRange(await RenderedAsync(person), 1, MaxRendered);
        await person.ScreenshotAsync("long-history-bottom-light");

        // Climb a few pages: each scroll near the top prepends one; the DOM stays small.
        for (var page = 0; page < 4; page++)
        {
            await LoadOlderPageAsync(person);
            Assert.InRange(await RenderedAsync(person), 1, MaxRendered);
        }

        // (c) Scrolling up step by step, the row at the top of the viewport stays where the reader
        // put it, including across the step that makes an older page load and be prepended.
        var loaded = await LoadedAsync(person);
        string key = "";
        double top = 0;
        for (var step = 0; step < 80 && await LoadedAsync(person) == loaded; step++)
        {
            (key, top) = await ScrollByAsync(person, -250);
            await NextFramesAsync(person);
            Assert.InRange(await RowTopAsync(person, key), top - 3, top + 3);
        }

        await person.Page.WaitForFunctionAsync($"() => +document.querySelector('.message-window').dataset.count > {loaded}");
        await NextFramesAsync(person);
        Assert.InRange(await RowTopAsync(person, key), top - 3, top + 3);
        Assert.InRange(await RenderedAsync(person), 1, MaxRendered);
        await person.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await person.ScreenshotAsync("long-history-reading-dark");
        await person.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await person.ScreenshotAsync("long-history-reading-light");

        // (d) Bob writes while Alice reads old history: the jump button counts it, and takes her there.
        await Assertions.Expect(person.Page.Locator(".jump")).ToBeVisibleAsync();
        await bob.SendAsync(chatId, "are you still reading?");
        await Assertions.Expect(person.Page.Locator(".jump")).ToContainTextAsync("1 new");
        Assert.InRange(await RowTopAsync(person, key), top - 3, top + 3);
        await person.Page.Locator(".jump").ClickAsync();
        await Assertions.Expect(person.Bubble("are you still reading?")).ToBeInViewportAsync();
        await Assertions.Expect(person.Page.Locator(".jump")).ToHaveCountAsync(0);
        Assert.InRange(await RenderedAsync(person), 1, MaxRendered);

        // (b) Scrolling to the top eventually reaches the first message: every older page loads.
        for (var page = 0; page < Count / 50 + 10 && await person.Page.Locator(".loading-older").CountAsync() > 0; page++)
        {
            await LoadOlderPageAsync(person);
            if (page % 50 == 0)
            {
                Assert.InRange(await RenderedAsync(person), 1, MaxRendered);
            }
        }

        await ScrollToAsync(person, 0);
        await Assertions.Expect(person.Bubble("msg 00001")).ToBeInViewportAsync();
        await Assertions.Expect(person.Page.Locator(".loading-older")).ToHaveCountAsync(0);
        Assert.InRange(await RenderedAsync(person), 1, MaxRendered);
        await person.ScreenshotAsync("long-history-top-light");
        Assert.Empty(person.PageErrors);
        Assert.Empty(person.ForeignRequests);
    }

    [Fact]
    public async Task OnAPhone_TheLongHistoryOpensAtTheBottom_WithFewRowsRendered()
    {
        var alice = await _server.RegisterAsync(TestData.Username("alice"));
        var bob = await _server.RegisterAsync(TestData.Username("bob"));
        var chatId = await alice.OpenDirectAsync(bob);
        await SeedAsync(chatId, alice, bob);

        await using var person = await Person.OpenAsync(browser, _server, "Alice", new() { ViewportSize = new() { Width = 390, Height = 800 }, Locale = "en-US", ColorScheme = ColorScheme.Dark });
        await SignInAsync(person, alice);
        await person.ChatRow("msg 10000").ClickAsync();
        await Assertions.Expect(person.Bubble("msg 10000")).ToBeInViewportAsync();
        Assert.InRange(await RenderedAsync(person), 1, MaxRendered);

        // Sending from the middle of the history brings the view down to the new bubble.
        await LoadOlderPageAsync(person);
        await person.SendAsync("back at the bottom");
        await Assertions.Expect(person.Bubble("back at the bottom")).ToBeInViewportAsync();
        await person.ScreenshotAsync("long-history-phone-dark");
        Assert.Empty(person.PageErrors);
    }
}

public sealed class LongHistoryTestsOnLocalhost(LocalhostBrowser browser) : LongHistoryTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class LongHistoryTestsOnLan(LanBrowser browser) : LongHistoryTests(browser), IClassFixture<LanBrowser>;
