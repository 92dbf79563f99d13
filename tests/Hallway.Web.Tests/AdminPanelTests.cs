using System.Text.RegularExpressions;
using Hallway.Testing;
using Microsoft.Playwright;

namespace Hallway.Web.Tests;

/// <summary>
/// The admin panel at /admin, driven as an admin would: accounts (create, disable, enable, role,
/// reset link), groups, registration modes and invites, the safeguarding view and the audit log.
/// The first account of each fresh server is its admin.
/// </summary>
public abstract class AdminPanelTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Url(string path) => new Uri(browser.Site(_server), path).ToString();

    private static async Task OpenTabAsync(Person admin, string tab)
    {
        var tabs = admin.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration sections" });
        if (await tabs.CountAsync() == 0)
        {
            await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        }

        await tabs.GetByRole(AriaRole.Link, new() { Name = tab, Exact = true }).ClickAsync();
        await Assertions.Expect(tabs.GetByRole(AriaRole.Link, new() { Name = tab, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
    }

    [Fact]
    public async Task NonAdmin_SeesNoAdminLink_AndAdminPageRefuses()
    {
        await _server.RegisterAsync(); // the server's first account, its admin
        await using var student = await Person.OpenAsync(browser, _server, "Sam Student");
        await student.RegisterAsync(TestData.Username("st"));
        await Assertions.Expect(student.Page.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToBeVisibleAsync();
        await Assertions.Expect(student.Page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);

        await student.Page.GotoAsync(Url("/admin/users"));
        await Assertions.Expect(student.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(new Regex("Only administrators can open this page"));
        await Assertions.Expect(student.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration sections" })).ToHaveCountAsync(0);
        Assert.Empty(student.PageErrors);
    }

    [Fact]
    public async Task Admin_CreatesAnAccount_DisablesEnablesSetsRole_AndAResetLinkSetsANewPassword()
    {
        var carolName = TestData.Username("carol");
        await using var admin = await Person.OpenAsync(browser, _server, "Alice Admin");
        await admin.RegisterAsync(TestData.Username("admin"));

        // Status first: the counts are there.
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Server status" }).WaitForAsync();
        await Assertions.Expect(admin.Page.Locator(".stat", new() { HasText = "Accounts" }).Locator("dd")).ToHaveTextAsync("1");
        await Assertions.Expect(admin.Page.Locator(".stat", new() { HasText = "Database size" }).Locator("dd")).ToHaveTextAsync(new Regex(@"^\d[\d.,]* (KB|MB)$"));
        await admin.ScreenshotAsync("admin-status-light");

        // Create an account.
        await OpenTabAsync(admin, "Users");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        var form = admin.Page.GetByRole(AriaRole.Form, new() { Name = "Create an account" });
        await form.GetByLabel("Username").FillAsync(carolName);
        await form.GetByLabel("Name shown to others").FillAsync("Carol Jones");
        await form.GetByLabel("First password").FillAsync("first password 1");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator(".toast")).ToContainTextAsync($"Account {carolName} created.");
        var row = admin.Page.Locator(".admin-user", new() { HasText = "@" + carolName });
        await Assertions.Expect(row).ToContainTextAsync("Student");

        await using var carol = await Person.OpenAsync(browser, _server, "Carol Jones");
        await carol.SignInAsync(carolName, "first password 1");

        // Disable: Carol's open page is signed out at once, and she cannot sign in.
        await row.GetByRole(AriaRole.Button, new() { Name = "Manage Carol Jones" }).ClickAsync();
        var panel = admin.Page.GetByRole(AriaRole.Region, new() { Name = "Manage Carol Jones" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Yes: Disable" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("Carol Jones is disabled and was signed out.");
        await Assertions.Expect(row).ToContainTextAsync("Disabled");
        await carol.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await Assertions.Expect(carol.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You were signed out on this device.");
        await carol.SignInAsync(carolName, "first password 1", expectChats: false);
        await Assertions.Expect(carol.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This account is disabled. Ask your administrator.");

        // Enable, and she is back in.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("Carol Jones can sign in again.");
        await carol.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await carol.Page.GetByRole(AriaRole.Heading, new() { Name = "Chats" }).WaitForAsync();

        // A role.
        await panel.GetByLabel("Role").SelectOptionAsync("teacher");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Set role" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("Carol Jones is now: Teacher.");
        await Assertions.Expect(row.Locator(".role-chip")).ToHaveTextAsync("Teacher");

        // A reset link with its QR code, used in another browser (her phone) to set a new password.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Make a reset link" }).ClickAsync();
        var link = panel.GetByRole(AriaRole.Region, new() { Name = "Reset link for Carol Jones" });
        await Assertions.Expect(link.GetByRole(AriaRole.Img, new() { Name = "QR code of the reset link for Carol Jones" })).ToBeVisibleAsync();
        var url = await link.Locator(".reset-url").GetAttributeAsync("data-url");
        Assert.Matches(@"/reset#token=[\w-]+$", url);
        await link.ScrollIntoViewIfNeededAsync();
        await admin.ScreenshotAsync("admin-users-light");

        await using var phone = await Person.OpenAsync(browser, _server, "Carol's phone", new() { ViewportSize = new() { Width = 390, Height = 760 }, Locale = "en-US" });
        await phone.Page.GotoAsync(url!);
        await Assertions.Expect(phone.Page.GetByText($"For the account {carolName}.")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("reset-phone");
        await phone.Page.GetByLabel("New password", new() { Exact = true }).FillAsync("a new password 2");
        await phone.Page.GetByLabel("Repeat the password").FillAsync("a new password 2");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Set the password" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set");
        await carol.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync(); // every session ended
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByLabel("Username")).ToHaveValueAsync(carolName);
        await phone.Page.GetByLabel("Password").FillAsync("a new password 2");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Chats" }).WaitForAsync();

        // The link works once.
        await phone.Page.GotoAsync(url!);
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This link does not work any more");

        // The same panel on a phone, in the dark.
        await admin.Page.SetViewportSizeAsync(390, 844);
        await admin.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await row.ScrollIntoViewIfNeededAsync();
        await admin.ScreenshotAsync("admin-phone-dark");
        await admin.Page.EvaluateAsync("() => localStorage.setItem('hallway.language', 'ru')");
        await admin.Page.ReloadAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Управление: Carol Jones" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Удалить аккаунт" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("Удалённый пользователь");
        await admin.ScreenshotAsync("admin-users-phone-dark-ru");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Отмена" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Назад" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Чаты" }).WaitForAsync();
        await admin.ScreenshotAsync("admin-sidebar-phone-dark-ru");

        foreach (var person in new[] { admin, carol, phone })
        {
            Assert.Empty(person.ForeignRequests);
            Assert.Empty(person.PageErrors);
        }
    }

    [Fact]
    public async Task Users_SearchFiltersAndPages()
    {
        await using var admin = await Person.OpenAsync(browser, _server, "Alice Admin");
        await admin.RegisterAsync(TestData.Username("admin"));
        var prefix = TestData.Username("pg");
        var people = new List<TestUser>();
        for (var i = 0; i < 27; i++)
        {
            people.Add(await _server.RegisterAsync($"{prefix}n{i:00}"));
        }

        // n05 signs in with two steps (the panel offers to turn that off only for such accounts); n04 does not.
        var setup = (await people[5].Api.PostAsync("/api/account/2fa/setup", new { password = people[5].Password })).EnsureSuccess();
        var secret = Hallway.Core.Security.Base32.Decode(setup["secret"].GetString())!;
        (await people[5].Api.PostAsync("/api/account/2fa/enable", new { code = Hallway.Core.Security.Totp.Code(secret, DateTimeOffset.UtcNow) })).EnsureSuccess();

        await admin.Page.GotoAsync(Url("/admin/users"));
        var rows = admin.Page.Locator(".admin-user");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Previous page" })).ToBeDisabledAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByText("Page 2")).ToBeVisibleAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3); // 28 accounts: the admin and 27
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(25);

        // Search by a part of the name, and the filters.
        await admin.Page.GetByLabel("Search by name").FillAsync($"{prefix}n1");
        await Assertions.Expect(rows).ToHaveCountAsync(10);
        await admin.Page.GetByLabel("Role").SelectOptionAsync("admin");
        await Assertions.Expect(admin.Page.GetByText("Nobody matches.")).ToBeVisibleAsync();
        await admin.Page.GetByLabel("Search by name").FillAsync("");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await admin.Page.GetByLabel("Role").SelectOptionAsync("");
        await admin.Page.GetByLabel("Status").SelectOptionAsync("true");
        await Assertions.Expect(admin.Page.GetByText("Nobody matches.")).ToBeVisibleAsync();
        await admin.Page.GetByLabel("Status").SelectOptionAsync("");

        await admin.Page.GetByLabel("Search by name").FillAsync($"{prefix}n04");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Manage {prefix}n04".ToUpperInvariant() }).ClickAsync();
        var plain = admin.Page.GetByRole(AriaRole.Region, new() { Name = $"Manage {prefix}n04".ToUpperInvariant() });
        await Assertions.Expect(plain.GetByRole(AriaRole.Button, new() { Name = "Make a reset link" })).ToBeVisibleAsync();
        await Assertions.Expect(plain.GetByRole(AriaRole.Button, new() { Name = "Turn off two-step sign-in" })).ToHaveCountAsync(0);

        // One account's password, two-step sign-in off, and removal (explained before it happens).
        var name = $"{prefix}n05".ToUpperInvariant();
        await admin.Page.GetByLabel("Search by name").FillAsync($"{prefix}n05");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Manage {name}" }).ClickAsync();
        var panel = admin.Page.GetByRole(AriaRole.Region, new() { Name = $"Manage {name}" });
        await panel.GetByLabel($"New password for {name}").FillAsync("short");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        Assert.False(await panel.GetByLabel($"New password for {name}").EvaluateAsync<bool>("e => e.validity.valid")); // the browser keeps a short one back
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("");
        await panel.GetByLabel($"New password for {name}").FillAsync("given at the desk");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Password set. {name} was signed out everywhere.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Turn off two-step sign-in" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Yes: Turn off two-step sign-in" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Two-step sign-in is off for {name}.");
        await Assertions.Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Turn off two-step sign-in" })).ToHaveCountAsync(0);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Remove account" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("Their messages stay in the chats, signed “Deleted user”");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Yes: Remove account" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator(".toast")).ToContainTextAsync($"{name}'s account was removed.");
        await Assertions.Expect(admin.Page.GetByText("Nobody matches.")).ToBeVisibleAsync();
        Assert.Empty(admin.PageErrors);
    }

    [Fact]
    public async Task RegistrationModes_ClosedHidesRegistration_InviteAsksForTheCode()
    {
        await using var admin = await Person.OpenAsync(browser, _server, "Alice Admin");
        await admin.RegisterAsync(TestData.Username("admin"));
        await admin.Page.GotoAsync(Url("/admin/settings"));
        var registration = admin.Page.GetByRole(AriaRole.Form, new() { Name = "Registration" });
        await registration.GetByRole(AriaRole.Radio, new() { Name = "Closed" }).CheckAsync();
        await registration.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(registration.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");

        await using var visitor = await Person.OpenAsync(browser, _server, "Visitor");
        await Assertions.Expect(visitor.Page.GetByText("This server does not take new registrations.")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Page.GetByLabel("Username")).ToHaveCountAsync(0);
        await visitor.ScreenshotAsync("register-closed");
        await visitor.Page.GotoAsync(Url("/login"));
        await Assertions.Expect(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Create account" })).ToHaveCountAsync(0);

        // By invitation: an invite made in the panel (its code shown once) lets one person in.
        await registration.GetByRole(AriaRole.Radio, new() { Name = "By invitation" }).CheckAsync();
        await registration.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(registration.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        var invites = admin.Page.Locator("section.card", new() { Has = admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Invites", Exact = true }) });
        await invites.GetByLabel("Number of accounts").FillAsync("1");
        await invites.GetByLabel("Role of the new accounts").SelectOptionAsync("teacher");
        await invites.GetByRole(AriaRole.Button, new() { Name = "Create an invite" }).ClickAsync();
        var code = (await invites.Locator(".invite-code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$", code);
        await Assertions.Expect(invites.Locator(".invite")).ToContainTextAsync("used 0 of 1");
        await invites.ScrollIntoViewIfNeededAsync();
        await admin.ScreenshotAsync("admin-settings-light");

        await visitor.Page.GotoAsync(Url("/register"));
        await Assertions.Expect(visitor.Page.GetByText("This server takes new accounts by invitation")).ToBeVisibleAsync();
        await visitor.ScreenshotAsync("register-invite");
        await visitor.Page.GetByLabel("Invite code").FillAsync(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        await visitor.RegisterAsync(TestData.Username("inv"));
        await visitor.OpenSecurityCardAsync(); // signed in
        await invites.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await admin.Page.ReloadAsync();
        await Assertions.Expect(invites.Locator(".invite")).ToContainTextAsync("Used up");
        Assert.Empty(admin.PageErrors);
        Assert.Empty(visitor.PageErrors);
    }

    [Fact]
    public async Task Settings_InviteRevoked_DirectMessagePolicyAndRetentionSaved_AndAudited()
    {
        await using var admin = await Person.OpenAsync(browser, _server, "Alice Admin");
        await admin.RegisterAsync(TestData.Username("admin"));
        await admin.Page.GotoAsync(Url("/admin/settings"));

        var invites = admin.Page.Locator("section.card", new() { Has = admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Invites", Exact = true }) });
        await invites.GetByLabel("Valid for").SelectOptionAsync("24");
        await invites.GetByRole(AriaRole.Button, new() { Name = "Create an invite" }).ClickAsync();
        await Assertions.Expect(invites.Locator(".invite")).ToContainTextAsync("used 0 of 30");
        await invites.GetByRole(AriaRole.Button, new() { Name = "Revoke invite #1" }).ClickAsync();
        await Assertions.Expect(invites.Locator(".invite .role-chip")).ToHaveTextAsync("Revoked");
        await Assertions.Expect(invites.GetByRole(AriaRole.Button, new() { Name = "Revoke invite #1" })).ToHaveCountAsync(0);

        var policy = admin.Page.GetByRole(AriaRole.Form, new() { Name = "Direct messages between students" });
        await Assertions.Expect(policy.GetByRole(AriaRole.Radio, new() { Name = "Anyone" })).ToBeCheckedAsync();
        await policy.GetByRole(AriaRole.Radio, new() { Name = "Staff only" }).CheckAsync();
        await policy.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(policy.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");

        var retention = admin.Page.GetByRole(AriaRole.Form, new() { Name = "Keeping messages and files" });
        await Assertions.Expect(retention.GetByLabel("Days to keep messages")).ToHaveValueAsync("0");
        await retention.GetByLabel("Days to keep messages").FillAsync("365");
        await retention.GetByLabel("Days to keep files").FillAsync("90");
        await retention.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(retention.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");

        await admin.Page.ReloadAsync();
        await Assertions.Expect(policy.GetByRole(AriaRole.Radio, new() { Name = "Staff only" })).ToBeCheckedAsync();
        await Assertions.Expect(retention.GetByLabel("Days to keep files")).ToHaveValueAsync("90");

        await OpenTabAsync(admin, "Audit log");
        await Assertions.Expect(admin.Page.Locator(".audit-entry[data-action='settings.retention']")).ToContainTextAsync("Retention changed");
        await Assertions.Expect(admin.Page.Locator(".audit-entry[data-action='settings.direct_messages']")).ToContainTextAsync("to: staff-only");
        await admin.Page.SetViewportSizeAsync(390, 844);
        await admin.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await OpenTabAsync(admin, "Settings");
        await invites.ScrollIntoViewIfNeededAsync();
        await admin.ScreenshotAsync("admin-settings-phone-dark");
        Assert.Empty(admin.PageErrors);
    }

    [Fact]
    public async Task Safeguarding_ShowsADirectChatReadOnly_AndTheAuditLogListsChatViewed()
    {
        await using var admin = await Person.OpenAsync(browser, _server, "Alice Admin");
        await admin.RegisterAsync(TestData.Username("admin"));
        var pupil = await _server.RegisterAsync(TestData.Username("pupil"));
        var friend = await _server.RegisterAsync(TestData.Username("friend"));
        var chatId = await pupil.OpenDirectAsync(friend);
        await pupil.SendAsync(chatId, "Can I hand in tomorrow?");

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await OpenTabAsync(admin, "Safeguarding");
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Note)).ToContainTextAsync("recorded in the audit log with your name");
        await admin.Page.GetByLabel("Chat number").FillAsync(chatId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        var reader = admin.Page.Locator(".chat-reader");
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading)).ToHaveTextAsync(new Regex($"Direct chat: .*{pupil.Username.ToUpperInvariant()}"));
        await Assertions.Expect(reader.Locator(".ro-message")).ToContainTextAsync("Can I hand in tomorrow?");
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Note)).ToBeVisibleAsync();
        await Assertions.Expect(reader.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(0); // read-only: nowhere to write
        Assert.Equal(0, await admin.ChatRow("Can I hand in").CountAsync()); // the admin did not join
        await admin.ScreenshotAsync("admin-safeguarding-light");
        await admin.Page.SetViewportSizeAsync(390, 844);
        await admin.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await admin.ScreenshotAsync("admin-safeguarding-phone-dark");
        await admin.Page.SetViewportSizeAsync(1200, 760);
        await admin.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        await OpenTabAsync(admin, "Audit log");
        var newest = admin.Page.Locator(".audit-entry").First;
        await Assertions.Expect(newest).ToHaveAttributeAsync("data-action", "chat.viewed");
        await Assertions.Expect(newest).ToContainTextAsync("Chat read (safeguarding)");
        await Assertions.Expect(newest).ToContainTextAsync($"chat #{chatId}");
        await admin.ScreenshotAsync("admin-audit-light");
        Assert.Empty(admin.PageErrors);
    }

    [Fact]
    public async Task Groups_CreatedForATeacher_MembersAddedRolesSetAndRemoved_WithoutTheAdminJoining()
    {
        await using var admin = await Person.OpenAsync(browser, _server, "Alice Admin");
        await admin.RegisterAsync(TestData.Username("admin"));
        var teacher = await _server.RegisterAsync(TestData.Username("teach"));
        var pupil = await _server.RegisterAsync(TestData.Username("pupil"));

        await admin.Page.GotoAsync(Url("/admin/groups"));
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Create a group" }).ClickAsync();
        var form = admin.Page.GetByRole(AriaRole.Form, new() { Name = "Create a group" });
        await form.GetByLabel("Title").FillAsync("Class 7b");
        await form.GetByLabel("Find the owner").FillAsync(teacher.Username);
        await form.GetByRole(AriaRole.Button, new() { Name = teacher.Username.ToUpperInvariant() }).ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync($"owner: {teacher.Username.ToUpperInvariant()}");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();

        // The new group opens with its members: only the teacher, as owner (the admin is not in it).
        var group = admin.Page.Locator(".admin-group", new() { HasText = "Class 7b" });
        await Assertions.Expect(group).ToContainTextAsync("1 members");
        var teacherRow = group.Locator(".admin-member", new() { HasText = teacher.Username.ToUpperInvariant() });
        await Assertions.Expect(teacherRow.GetByRole(AriaRole.Combobox)).ToHaveValueAsync("owner");

        await group.GetByLabel("Find someone to add").FillAsync(pupil.Username);
        await group.GetByRole(AriaRole.Button, new() { Name = pupil.Username.ToUpperInvariant() }).ClickAsync();
        var pupilRow = group.Locator(".admin-member", new() { HasText = pupil.Username.ToUpperInvariant() });
        await Assertions.Expect(pupilRow.GetByRole(AriaRole.Combobox)).ToHaveValueAsync("member");
        await Assertions.Expect(group).ToContainTextAsync("2 members");
        await pupilRow.GetByRole(AriaRole.Combobox).SelectOptionAsync("admin");
        await Assertions.Expect(pupilRow.GetByRole(AriaRole.Combobox)).ToHaveValueAsync("admin");
        await admin.ScreenshotAsync("admin-groups-light");

        // The owner's role changes only by handing over: the refusal is said in words.
        await teacherRow.GetByRole(AriaRole.Combobox).SelectOptionAsync("member");
        await Assertions.Expect(group.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The owner's role cannot be changed.");
        await Assertions.Expect(teacherRow.GetByRole(AriaRole.Combobox)).ToHaveValueAsync("owner");

        await pupilRow.GetByRole(AriaRole.Button, new() { Name = $"Remove {pupil.Username.ToUpperInvariant()} from the group" }).ClickAsync();
        await Assertions.Expect(pupilRow).ToHaveCountAsync(0);
        await Assertions.Expect(group).ToContainTextAsync("1 members");

        // Reopening the list reads the members again, still without a chat.viewed in the log.
        await admin.Page.ReloadAsync();
        await group.GetByRole(AriaRole.Button, new() { Name = "Members of Class 7b" }).ClickAsync();
        await Assertions.Expect(group.Locator(".admin-member")).ToHaveCountAsync(1);
        var actions = await admin.Page.EvaluateAsync<string[]>("async () => (await (await fetch('/api/admin/audit?limit=200')).json()).map(e => e.action)");
        Assert.Contains("group.created", actions);
        Assert.Contains("group.member_removed", actions);
        Assert.DoesNotContain("chat.viewed", actions);
        Assert.Empty(admin.PageErrors);
    }
}

public sealed class AdminPanelTestsOnLocalhost(LocalhostBrowser browser) : AdminPanelTests(browser), IClassFixture<LocalhostBrowser>;

public sealed class AdminPanelTestsOnLan(LanBrowser browser) : AdminPanelTests(browser), IClassFixture<LanBrowser>;
