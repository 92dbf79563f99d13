using Hallway.Core.Security;
using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>
/// Account security in the browser (the admin work's sign-in side): two-step sign-in set up in
/// Settings → Security and used at sign-in, recovery codes on the "Forgot password?" page, and a
/// registration page that follows the server's registration mode.
/// </summary>
public abstract class AdminAccountSecurityTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TwoFactor_SetUpInSettings_ThenSignInAsksForTheCode_OrARecoveryCode()
    {
        var username = TestData.Username("tf");
        const string password = "correct horse 1";
        await using var alice = await Person.OpenAsync(browser, _server, "Alice Smith");
        await alice.RegisterAsync(username, password);
        await alice.OpenSecurityCardAsync();
        var card = alice.SecurityCard();
        await Assertions.Expect(card).ToContainTextAsync("Two-step sign-in is off");

        // A wrong password is refused in words, then the right one shows the QR code and the key.
        await card.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await card.GetByLabel("Password").FillAsync("not my password");
        await card.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That password is not right.");
        await card.GetByLabel("Password").FillAsync(password);
        await card.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var qr = card.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        Assert.StartsWith("data:image/svg+xml", await qr.GetAttributeAsync("src"));
        var secretText = await card.Locator("code.secret").GetAttributeAsync("data-secret");
        var secret = Base32.Decode(secretText)!;
        Assert.Equal(20, secret.Length);
        await card.Locator("code.secret").ScrollIntoViewIfNeededAsync();
        await alice.ScreenshotAsync("security-2fa");

        var (code, step) = AdminBrowserHelpers.NextCode(secret, 0);
        await card.GetByLabel("Code the app shows now").FillAsync(code);
        await card.GetByRole(AriaRole.Button, new() { Name = "Turn on", Exact = true }).ClickAsync();

        // The recovery codes are shown once, with the warning, and then the card says it is on.
        var codes = card.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).Locator("li");
        await Assertions.Expect(codes).ToHaveCountAsync(10);
        await Assertions.Expect(card).ToContainTextAsync("They are shown only this once");
        var recoveryCode = (await codes.First.InnerTextAsync()).Trim();
        var secondRecoveryCode = (await codes.Nth(1).InnerTextAsync()).Trim();
        await card.GetByRole(AriaRole.Button, new() { Name = "Copy the codes" }).ClickAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Status).First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Copied|Could not copy"));
        await card.GetByRole(AriaRole.Button, new() { Name = "I have saved them" }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("Two-step sign-in is on");
        await Assertions.Expect(card).ToContainTextAsync("Recovery codes left: 10");

        // Signing in now takes two steps: the password, then the code.
        await alice.SignOutAsync();
        await alice.SignInAsync(username, password, expectChats: false);
        await alice.Page.GetByRole(AriaRole.Heading, new() { Name = "Two-step sign-in" }).WaitForAsync();
        await alice.ScreenshotAsync("login-2fa");
        await alice.Page.GetByLabel("Code from the app").FillAsync(Totp.Hotp(secret, step) == "123456" ? "654321" : "123456");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That code is not right, or it was already used.");
        (code, step) = AdminBrowserHelpers.NextCode(secret, step);
        await alice.Page.GetByLabel("Code from the app").FillAsync(code);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Heading, new() { Name = "Chats" }).WaitForAsync();

        // Or with a recovery code instead of the app, which is then used up.
        await alice.SignOutAsync();
        await alice.SignInAsync(username, password, expectChats: false);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Use a recovery code instead" }).ClickAsync();
        await alice.Page.GetByLabel("Recovery code", new() { Exact = true }).FillAsync(recoveryCode.ToLowerInvariant());
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Heading, new() { Name = "Chats" }).WaitForAsync();
        await alice.OpenSecurityCardAsync();
        await Assertions.Expect(alice.SecurityCard()).ToContainTextAsync("Recovery codes left: 9");

        // Turning it off takes the password and a code: here a recovery code, as for a lost phone
        // (the app's next code may be two steps ahead of the clock by now, which no server takes).
        card = alice.SecurityCard();
        await card.GetByRole(AriaRole.Button, new() { Name = "Turn off two-step sign-in" }).ClickAsync();
        await card.GetByLabel("Password").FillAsync(password);
        await card.GetByLabel("Code from the app or a recovery code").FillAsync(secondRecoveryCode);
        await card.GetByRole(AriaRole.Button, new() { Name = "Turn off", Exact = true }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("Two-step sign-in is off");
        await alice.SignOutAsync();
        await alice.SignInAsync(username, password);

        Assert.Empty(alice.ForeignRequests);
        Assert.Empty(alice.PageErrors);
    }

    [Fact]
    public async Task ForgotPassword_ARecoveryCodeMadeInSettings_SetsANewPasswordAndSignsIn()
    {
        var username = TestData.Username("fp");
        await using var bob = await Person.OpenAsync(browser, _server, "Bob Jones");
        await bob.RegisterAsync(username, "old password 1");
        await bob.OpenSecurityCardAsync();
        var card = bob.SecurityCard();
        await card.GetByRole(AriaRole.Button, new() { Name = "Make new recovery codes" }).ClickAsync();
        await card.GetByLabel("Password").FillAsync("old password 1");
        await card.GetByRole(AriaRole.Button, new() { Name = "Make new recovery codes" }).ClickAsync();
        var codes = card.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).Locator("li");
        await Assertions.Expect(codes).ToHaveCountAsync(10);
        var recoveryCode = (await codes.Nth(3).InnerTextAsync()).Trim();
        await bob.Page.SetViewportSizeAsync(390, 844);
        await bob.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await card.ScrollIntoViewIfNeededAsync();
        await bob.ScreenshotAsync("security-codes-phone-dark");
        await bob.Page.SetViewportSizeAsync(1200, 760);
        await card.GetByRole(AriaRole.Button, new() { Name = "I have saved them" }).ClickAsync();
        await bob.SignOutAsync();

        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await bob.Page.GetByLabel("Username").FillAsync(username);
        await bob.Page.GetByLabel("Recovery code", new() { Exact = true }).FillAsync(recoveryCode);
        await bob.Page.GetByLabel("New password").FillAsync("new password 1");
        await bob.Page.GetByLabel("Repeat the password").FillAsync("new password 2");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Set the password and sign in" }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The two passwords are not the same.");
        await bob.Page.GetByLabel("Repeat the password").FillAsync("new password 1");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Set the password and sign in" }).ClickAsync();
        await bob.Page.GetByRole(AriaRole.Heading, new() { Name = "Chats" }).WaitForAsync();

        // The code is used up; the new password works, the old one does not.
        await bob.SignOutAsync();
        await bob.SignInAsync(username, "old password 1", expectChats: false);
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong username or password.");
        await bob.SignInAsync(username, "new password 1");
        Assert.Empty(bob.PageErrors);
    }

    [Fact]
    public async Task LoginPage_TakesTheUsernameFromTheAddress()
    {
        var user = await _server.RegisterAsync();
        await using var carol = await Person.OpenAsync(browser, _server, "Carol");
        await carol.Page.GotoAsync(new Uri(browser.Site(_server), "/login?username=" + user.Username).ToString());
        await Assertions.Expect(carol.Page.GetByLabel("Username")).ToHaveValueAsync(user.Username);
        await Assertions.Expect(carol.Page.GetByLabel("Password")).ToBeFocusedAsync();
        await carol.Page.GetByLabel("Password").FillAsync(user.Password);
        await carol.Page.Keyboard.PressAsync("Enter");
        await carol.Page.GetByRole(AriaRole.Heading, new() { Name = "Chats" }).WaitForAsync();
    }
}

public sealed class AdminAccountSecurityTestsOnLocalhost(LocalhostBrowser browser) : AdminAccountSecurityTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class AdminAccountSecurityTestsOnLan(LanBrowser browser) : AdminAccountSecurityTests(browser), IClassFixture<LanBrowser>;
