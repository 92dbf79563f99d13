using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>
/// One person at one browser (their own context: own cookies, own storage). Every request that
/// leaves the server's origin is blocked and recorded, so a test can assert there were none.
/// </summary>
public sealed class Person : IAsyncDisposable
{
    private Person(IBrowserContext context, IPage page, string name, Uri site, bool secure)
    {
        Context = context;
        Page = page;
        Name = name;
        Site = site;
        Secure = secure;
    }

    /// <summary>Where this person's browser opens the server (127.0.0.1 or the LAN name).</summary>
    public Uri Site { get; }

    /// <summary>Whether the page is a secure context (false at the LAN name over plain HTTP).</summary>
    public bool Secure { get; }

    /// <summary>An address on the server, as this person's browser reaches it.</summary>
    public string Url(string path) => new Uri(Site, path).ToString();

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Name { get; }

    public List<string> ForeignRequests { get; } = [];

    /// <summary>While true, the person's new WebSocket connections fail (and HTTP is offline).</summary>
    public bool NetworkDown { get; private set; }

    private bool _socketsRouted;

    /// <summary>
    /// Playwright's offline mode does not touch WebSockets, so a route does: while the network is
    /// down every new socket is closed at once, as a dead network would. It is installed on first
    /// use, so sockets opened before it talk to the server directly.
    /// </summary>
    public async Task SetNetworkDownAsync(bool down)
    {
        NetworkDown = down;
        if (!_socketsRouted)
        {
            _socketsRouted = true;
            await Context.RouteWebSocketAsync("**/ws", async socket =>
            {
                if (NetworkDown)
                {
                    await socket.CloseAsync(new() { Code = 1001, Reason = "network down" });
                }
                else
                {
                    socket.ConnectToServer();
                }
            });
        }

        await Context.SetOfflineAsync(down);
    }

    public List<string> PageErrors { get; } = [];

    /// <summary>Console messages of type error, and requests that failed or were answered 4xx/5xx.</summary>
    public List<string> ConsoleErrors { get; } = [];

    public List<string> FailedRequests { get; } = [];

    /// <summary>
    /// Opens the registration page in a new context, at the address the fixture's mode gives, and
    /// checks the page's secure-context state is that mode's: a run meant to be on plain HTTP at
    /// a LAN name can never silently be secure.
    /// </summary>
    public static async Task<Person> OpenAsync(BrowserFixture browser, TestServer server, string name, BrowserNewContextOptions? options = null, string path = "/register")
    {
        var context = await browser.Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new() { Width = 1200, Height = 760 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        var site = browser.Site(server);
        var person = new Person(context, page, name, site, browser.SecureContext);
        var origin = site.GetLeftPart(UriPartial.Authority);
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (url.StartsWith(origin, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                lock (person.ForeignRequests)
                {
                    person.ForeignRequests.Add(url);
                }

                await route.AbortAsync();
            }
        });
        page.PageError += (_, error) => person.PageErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (person.ConsoleErrors)
                {
                    person.ConsoleErrors.Add(message.Text);
                }
            }
        };
        page.RequestFailed += (_, request) =>
        {
            lock (person.FailedRequests)
            {
                person.FailedRequests.Add($"{request.Method} {request.Url}: {request.Failure}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (person.FailedRequests)
                {
                    person.FailedRequests.Add($"{response.Request.Method} {response.Url}: {response.Status}");
                }
            }
        };
        await page.GotoAsync(origin + path);
        Assert.Equal(browser.SecureContext, await page.EvaluateAsync<bool>("() => window.isSecureContext"));
        return person;
    }

    /// <summary>
    /// Alice and Bob, registered through their pages (usernames made unique with
    /// <paramref name="prefix"/>), with Alice's direct chat with Bob open. With
    /// <paramref name="firstMessage"/>, Alice sends it and Bob opens the chat and sees it.
    /// </summary>
    public static async Task<(Person Alice, Person Bob)> TwoInADirectChatAsync(BrowserFixture browser, TestServer server, string prefix, string? firstMessage = "first message")
    {
        var alice = await OpenAsync(browser, server, "Alice Smith");
        var bob = await OpenAsync(browser, server, "Bob Jones");
        var suffix = TestData.Username(prefix);
        await alice.RegisterAsync("alice" + suffix);
        await bob.RegisterAsync("bob" + suffix);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "New chat" }).ClickAsync();
        await alice.Page.GetByLabel("Find people by name").FillAsync("bob" + suffix);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Bob Jones" }).ClickAsync();
        if (firstMessage is not null)
        {
            await alice.SendAsync(firstMessage);
            await bob.ChatRow(firstMessage).ClickAsync();
            await bob.Bubble(firstMessage).WaitForAsync();
        }

        return (alice, bob);
    }

    /// <summary>Registers through the page, as a person would, and waits for the chat list.</summary>
    public async Task RegisterAsync(string username, string password = "correct horse 1")
    {
        await Page.GetByLabel("Username").FillAsync(username);
        await Page.GetByLabel("Your name").FillAsync(Name);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Chats" }).WaitForAsync();
    }

    public async Task SendAsync(string text)
    {
        await Page.GetByLabel("Write a message…").FillAsync(text);
        await Page.Keyboard.PressAsync("Enter");
    }

    public ILocator Bubble(string text) => Page.Locator(".bubble", new() { HasText = text });

    public ILocator ChatRow(string text) => Page.Locator(".chat-row", new() { HasText = text });

    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(Screenshots.Folder);
        Directory.CreateDirectory(folder);
        // Both modes take the same pictures; the LAN run's get their own names, so neither overwrites the other.
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + (Secure ? "" : "-lan") + ".png") });
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

/// <summary>Where tests save screenshots: artifacts/screenshots at the repository root.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hallway.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
