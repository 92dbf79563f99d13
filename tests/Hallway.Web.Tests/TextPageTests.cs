using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>
/// The async_chat page at /text in a real Chromium, talking with a telnet-like TCP client in the
/// same room: login, the target list built from /userlist, public and private messages both ways.
/// </summary>
public abstract class TextPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestServer _server = null!;
    private int _port;

    public async Task InitializeAsync() => (_server, _port) = await TextGatewayServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ILocator Line(Person person, string text) => person.Page.Locator("#log div", new() { HasTextString = text });

    private async Task<Person> JoinAsync(string name, BrowserNewContextOptions? options = null)
    {
        var person = await Person.OpenAsync(browser, _server, name, options);
        await person.Page.GotoAsync(new Uri(browser.Site(_server), "/text").ToString());
        await person.Page.GetByLabel(options?.Locale == "ru-RU" ? "Имя" : "Name").FillAsync(name);
        await person.Page.Locator("#join button[type=submit]").ClickAsync();
        return person;
    }

    [Fact]
    public async Task PageUser_AndTelnetUser_TalkInPublicAndInPrivate()
    {
        await using var tcp = await TextTcpClient.ConnectAsync(_port);
        await tcp.LoginAsync("tom");

        await using var pat = await JoinAsync("pat");
        await Assertions.Expect(Line(pat, "[SYSTEM INFO] - [pat] login to chat.")).ToBeVisibleAsync();
        await tcp.ExpectAsync("[SYSTEM INFO] - [pat] login to chat.");
        await Assertions.Expect(pat.Page.Locator("#join")).ToBeHiddenAsync();

        // The target list is built from /userlist and leaves the page's own name out.
        var target = pat.Page.GetByLabel("To");
        await Assertions.Expect(target.Locator("option")).ToHaveTextAsync(["Everyone", "tom"]);

        await pat.Page.GetByLabel("Message").FillAsync("hello <b>all</b> & you");
        await pat.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await tcp.ExpectAsync("[{time}][pat]: hello <b>all</b> & you");
        await Assertions.Expect(Line(pat, "[pat]: hello <b>all</b> & you")).ToBeVisibleAsync();
        await Assertions.Expect(pat.Page.Locator("#log b")).ToHaveCountAsync(0);

        await tcp.SendAsync("msg pat just for you");
        await tcp.ExpectAsync("[{time}][tom][->][pat]: just for you");
        await Assertions.Expect(Line(pat, "[tom][->][pat]: just for you")).ToHaveClassAsync("private");

        await target.SelectOptionAsync("tom");
        await pat.Page.GetByLabel("Message").FillAsync("back at you");
        await pat.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await tcp.ExpectAsync("[{time}][pat][->][tom]: back at you");
        await pat.ScreenshotAsync("text-page-light");

        await pat.Page.GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await tcp.ExpectAsync("[SYSTEM INFO] - [pat] logout from chat.");
        await Assertions.Expect(Line(pat, "Connection closed.")).ToBeVisibleAsync();
        await Assertions.Expect(pat.Page.Locator("#join")).ToBeVisibleAsync();
        await Assertions.Expect(pat.Page.Locator("#say")).ToBeHiddenAsync();
        Assert.Empty(pat.ForeignRequests);
        Assert.Empty(pat.PageErrors);
    }

    [Fact]
    public async Task TakenName_IsRefused_AndTheSamePageCanTryAnother()
    {
        await using var tcp = await TextTcpClient.ConnectAsync(_port);
        await tcp.LoginAsync("sam");

        await using var page = await JoinAsync("sam");
        await Assertions.Expect(Line(page, "[ERROR] - Username already taken!")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#join")).ToBeVisibleAsync();

        await page.Page.GetByLabel("Name").FillAsync("sam2");
        await page.Page.Locator("#join button[type=submit]").ClickAsync();
        await Assertions.Expect(Line(page, "[SYSTEM INFO] - [sam2] login to chat.")).ToBeVisibleAsync();
        await tcp.ExpectAsync("[SYSTEM INFO] - [sam2] login to chat.");
        await Assertions.Expect(page.Page.Locator("#join")).ToBeHiddenAsync();
        Assert.Empty(page.PageErrors);
    }

    [Fact]
    public async Task RussianAndDark_AreTheBrowsersChoice()
    {
        await using var ru = await JoinAsync("маша", new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 390, Height = 760 },
            Locale = "ru-RU",
            ColorScheme = ColorScheme.Dark,
        });
        await Assertions.Expect(Line(ru, "[SYSTEM INFO] - [маша] login to chat.")).ToBeVisibleAsync();
        await Assertions.Expect(ru.Page.Locator("#join")).ToBeHiddenAsync();
        await Assertions.Expect(ru.Page.GetByRole(AriaRole.Heading, new() { Name = "Текстовый чат" })).ToBeVisibleAsync();
        await Assertions.Expect(ru.Page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Assertions.Expect(ru.Page.GetByRole(AriaRole.Button, new() { Name = "Отправить" })).ToBeVisibleAsync();
        var background = await ru.Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(22, 22, 21)", background);
        await ru.ScreenshotAsync("text-page-ru-dark-phone");
        Assert.Empty(ru.PageErrors);
    }
}

public sealed class TextPageTestsOnLocalhost(LocalhostBrowser browser) : TextPageTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class TextPageTestsOnLan(LanBrowser browser) : TextPageTests(browser), IClassFixture<LanBrowser>;
