using System.Text.Json;
using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>
/// On a phone, a message's menu opens fully on screen whichever side its message is on: every
/// item (the quick reactions, Reply, Copy, Edit, Delete, Report) has its whole box inside the
/// viewport and its whole label inside its box, at 360 and 390 px wide, in English and Russian
/// (Russian labels are the longer ones).
/// </summary>
public abstract class MenuPlacementTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<int, string> Phones() => new() { { 360, "en" }, { 360, "ru" }, { 390, "en" }, { 390, "ru" } };

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task MessageMenu_OnBothSidesMessages_IsFullyOnScreen(int width, string language)
    {
        var (alice, bob) = await Person.TwoInADirectChatAsync(browser, _server, "m", "Is the hall free at ten?");
        await using var a = alice;
        await using var b = bob;
        await bob.SendAsync("Yes");
        await alice.Bubble("Yes").WaitForAsync();

        // The phone and the language are Alice's from here on: the language is a saved choice, read at load.
        await alice.Page.SetViewportSizeAsync(width, 844);
        await alice.Page.EvaluateAsync($"() => localStorage.setItem('hallway.language', '{language}')");
        await alice.Page.ReloadAsync();
        await alice.Bubble("Yes").WaitForAsync();
        Assert.Equal(language, await alice.Page.EvaluateAsync<string>("() => document.documentElement.lang"));

        foreach (var (text, side) in new[] { ("hall free", "own"), ("Yes", "other") })
        {
            var bubble = alice.Bubble(text);
            await bubble.Locator("summary").ClickAsync();
            var menu = bubble.Locator(".menu[data-placed='true']");
            await menu.WaitForAsync();
            await alice.ScreenshotAsync($"menu-{width}-{language}-{side}");

            var offenders = await menu.EvaluateAsync<JsonElement>(
                """
                menu => {
                  const width = document.documentElement.clientWidth, height = window.innerHeight;
                  return [...menu.querySelectorAll('[role="menuitem"]')].flatMap(item => {
                    const r = item.getBoundingClientRect();
                    const off = r.left < 0 || r.top < 0 || r.right > width || r.bottom > height;
                    const cut = item.scrollWidth > item.clientWidth;
                    return off || cut ? [`${item.textContent} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}${cut ? ' (label cut)' : ''} in ${width}x${height}`] : [];
                  });
                }
                """);
            Assert.True(offenders.GetArrayLength() == 0, $"{side} message's menu at {width}px in {language}: {offenders}");

            // Six quick reactions and at least Reply, Copy, Delete: none left out.
            Assert.True(await menu.Locator("[role='menuitem']").CountAsync() >= 9);
            await alice.Page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(menu).ToHaveCountAsync(0);
        }

        Assert.Empty(alice.PageErrors);
    }
}

public sealed class MenuPlacementTestsOnLocalhost(LocalhostBrowser browser) : MenuPlacementTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class MenuPlacementTestsOnLan(LanBrowser browser) : MenuPlacementTests(browser), IClassFixture<LanBrowser>;
