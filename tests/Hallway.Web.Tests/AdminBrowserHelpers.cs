using Hallway.Core.Security;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>What the admin-panel and account-security browser tests share: signing in and TOTP codes.</summary>
internal static class AdminBrowserHelpers
{
    /// <summary>Opens /login (optionally with ?username=) and signs in with the password.</summary>
    public static async Task SignInAsync(this Person person, string username, string password, bool expectChats = true)
    {
        await person.Page.GotoAsync(person.Url("/login"));
        await person.Page.GetByLabel("Username").FillAsync(username);
        await person.Page.GetByLabel("Password").FillAsync(password);
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (expectChats)
        {
            await person.Page.GetByRole(AriaRole.Heading, new() { Name = "Chats" }).WaitForAsync();
        }
    }

    public static async Task OpenSecurityCardAsync(this Person person)
    {
        await person.Page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await person.Page.GetByRole(AriaRole.Heading, new() { Name = "Security" }).WaitForAsync();
    }

    public static ILocator SecurityCard(this Person person) =>
        person.Page.Locator("section.card", new() { Has = person.Page.GetByRole(AriaRole.Heading, new() { Name = "Security" }) });

    public static async Task SignOutAsync(this Person person)
    {
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await person.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
    }

    /// <summary>
    /// The code an authenticator app would show for a step after <paramref name="lastUsedStep"/>:
    /// the server takes each step's code once, and one step early, so right after a code was used
    /// the next step's code is the one that works.
    /// </summary>
    public static (string Code, long Step) NextCode(byte[] secret, long lastUsedStep)
    {
        var step = Math.Max(Totp.StepAt(DateTimeOffset.UtcNow), lastUsedStep + 1);
        return (Totp.Hotp(secret, step), step);
    }
}
