using System.Text.RegularExpressions;
using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>
/// Reporting a message from the message menu, and the admin's Reports section deciding on it:
/// "delete the message" takes it out of everyone's view.
/// </summary>
public abstract class AdminReportTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AStudentsReport_ReachesTheAdmin_WhoseDeleteRemovesTheMessageFromTheStudentsView()
    {
        await using var admin = await Person.OpenAsync(browser, _server, "Alice Admin");
        await admin.RegisterAsync(TestData.Username("admin"));
        await using var sam = await Person.OpenAsync(browser, _server, "Sam Student");
        var samName = TestData.Username("sam");
        await sam.RegisterAsync(samName);
        var samId = await sam.Page.EvaluateAsync<long>("async () => (await (await fetch('/api/me')).json()).id");
        var tom = await _server.RegisterAsync(TestData.Username("tom"));
        var groupId = (await tom.Api.PostAsync("/api/chats", new { kind = "group", title = "Class 7b", memberIds = new[] { samId } })).EnsureSuccess()["chat"].GetProperty("id").GetInt64();
        await tom.SendAsync(groupId, "see you all at break");
        await tom.SendAsync(groupId, "You are all idiots");
        await tom.SendAsync(groupId, "just kidding");

        // Sam's own messages have no Report; Tom's have.
        await sam.ChatRow("Class 7b").ClickAsync();
        await sam.SendAsync("that was rude");
        var mine = sam.Page.Locator("article.bubble.mine", new() { HasText = "that was rude" }); // sent, not pending
        await mine.Locator("summary").ClickAsync();
        await Assertions.Expect(sam.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Report" })).ToHaveCountAsync(0);
        await sam.Page.Keyboard.PressAsync("Escape");

        await sam.Bubble("You are all idiots").Locator("summary").ClickAsync();
        await sam.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Report" }).ClickAsync();
        var dialog = sam.Page.GetByRole(AriaRole.Dialog, new() { Name = "Report this message" });
        await Assertions.Expect(dialog).ToContainTextAsync("You are all idiots");
        await dialog.GetByLabel("Reason").FillAsync("Insulting the class");
        await sam.ScreenshotAsync("report-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Assertions.Expect(sam.Page.Locator(".toast")).ToHaveTextAsync(new Regex("Thank you. The administrators will look at it."));
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        // A second report of the same message is refused in words.
        await sam.Bubble("You are all idiots").Locator("summary").ClickAsync();
        await sam.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Report" }).ClickAsync();
        await dialog.GetByLabel("Reason").FillAsync("Still insulting");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You already reported this message, and the administrators have not dealt with it yet.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        // The admin sees it in Reports, with the conversation around it, and deletes the message.
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration sections" }).GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        var report = admin.Page.Locator(".report", new() { HasText = "Insulting the class" });
        await Assertions.Expect(report).ToContainTextAsync("Reported by Sam Student");
        await Assertions.Expect(report.Locator(".reported-message")).ToContainTextAsync("You are all idiots");
        await report.GetByRole(AriaRole.Button, new() { Name = "Show the conversation around it" }).ClickAsync();
        var context = report.GetByRole(AriaRole.List, new() { Name = "The reported message and the messages around it" });
        await Assertions.Expect(context.Locator(".ro-message")).ToHaveCountAsync(4);
        await Assertions.Expect(context.Locator(".ro-message.highlighted")).ToContainTextAsync("You are all idiots");
        await admin.ScreenshotAsync("admin-reports-light");
        await report.GetByRole(AriaRole.Button, new() { Name = "Delete the message" }).ClickAsync();
        await report.GetByRole(AriaRole.Button, new() { Name = "Yes: Delete the message" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByText("No open reports.")).ToBeVisibleAsync();

        await sam.Page.Locator(".bubble.tombstone", new() { HasText = "Message deleted" }).WaitForAsync();
        await Assertions.Expect(sam.Bubble("You are all idiots")).ToHaveCountAsync(0);
        await Assertions.Expect(sam.Bubble("just kidding")).ToHaveCountAsync(1);

        // Resolved reports say what was done, and by whom.
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Resolved" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator(".report", new() { HasText = "Insulting the class" })).ToContainTextAsync("Message deleted by Alice Admin");

        // In Russian, on a phone, in the dark.
        await admin.Page.EvaluateAsync("() => localStorage.setItem('hallway.language', 'ru')");
        await admin.Page.SetViewportSizeAsync(390, 844);
        await admin.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await admin.Page.ReloadAsync();
        await admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Жалобы" }).WaitForAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Рассмотренные" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator(".report")).ToContainTextAsync("Сообщение удалил(а) Alice Admin");
        await admin.ScreenshotAsync("admin-reports-phone-dark-ru");

        Assert.Empty(sam.PageErrors);
        Assert.Empty(admin.PageErrors);
        Assert.Empty(sam.ForeignRequests);
        Assert.Empty(admin.ForeignRequests);
    }
}

public sealed class AdminReportTestsOnLocalhost(LocalhostBrowser browser) : AdminReportTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class AdminReportTestsOnLan(LanBrowser browser) : AdminReportTests(browser), IClassFixture<LanBrowser>;
