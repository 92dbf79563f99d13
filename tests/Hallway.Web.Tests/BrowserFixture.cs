using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>
/// One Chromium per test class: Debian's /usr/bin/chromium (or HALLWAY_CHROMIUM), driven by
/// Playwright; nothing is downloaded. Flags keep Chromium from calling out to the internet.
/// Every suite runs twice, once per derived fixture: <see cref="LocalhostBrowser"/> opens the
/// server at 127.0.0.1 (a secure context, as a developer sees it) and <see cref="LanBrowser"/> at
/// http://hallway.lan (plain HTTP at a LAN name, not a secure context, as a school sees it).
/// </summary>
public abstract class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>False when pages are opened at a name where the browser gives no secure context.</summary>
    public abstract bool SecureContext { get; }

    /// <summary>The host name pages are opened at; the server always listens on 127.0.0.1.</summary>
    protected abstract string HostName { get; }

    protected virtual IEnumerable<string> ExtraArgs => [];

    /// <summary>The address the browser opens the server at (its base address, under this fixture's name).</summary>
    public Uri Site(TestServer server) => new UriBuilder(server.BaseAddress) { Host = HostName }.Uri;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("HALLWAY_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: install Debian's 'chromium' package (.ci/run does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", .. ExtraArgs],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>The server at http://127.0.0.1:PORT: a secure context, where every browser API is available.</summary>
public sealed class LocalhostBrowser : BrowserFixture
{
    public override bool SecureContext => true;

    protected override string HostName => "127.0.0.1";
}

/// <summary>
/// The server at http://hallway.lan:PORT, a name Chromium's resolver maps to 127.0.0.1: plain HTTP
/// at a name that is not localhost, so the page is not a secure context (no crypto.randomUUID, no
/// navigator.clipboard, no notifications), as at a school that serves Hallway on its LAN.
/// </summary>
public sealed class LanBrowser : BrowserFixture
{
    public const string Name = "hallway.lan";

    public override bool SecureContext => false;

    protected override string HostName => Name;

    protected override IEnumerable<string> ExtraArgs => [$"--host-resolver-rules=MAP {Name} 127.0.0.1"];
}
