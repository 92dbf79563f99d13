using System.Net;
using Hallway.Core.Accounts;
using Hallway.Server.Tests.Api;
using Hallway.Server.Tests.Compat.School;
using Hallway.Testing;

namespace Hallway.Server.Tests.Security;

/// <summary>
/// The registration mode (open, invite, closed) over self-registration, the school API's too, and
/// its exemptions: the first account of an empty server, and accounts an admin creates.
/// A server of its own for each test: the mode is server-wide.
/// </summary>
public sealed class RegistrationModeTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(clock: _clock);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task SetModeAsync(TestUser admin, string mode) =>
        (await admin.Api.PutAsync("/api/admin/settings/registration", new { mode })).AssertStatus(HttpStatusCode.OK);

    private static async Task<string> InviteAsync(TestUser admin, int maxUses = 1, int hours = 1, string role = "student")
    {
        var created = await admin.Api.PostAsync("/api/admin/invites", new { maxUses, expiresInHours = hours, role });
        created.AssertStatus(HttpStatusCode.Created);
        return created.Json.Str("code");
    }

    private async Task<string?> ModeAsync()
    {
        using var anonymous = _server.Anonymous();
        var mode = await anonymous.GetAsync("/api/auth/registration");
        mode.AssertStatus(HttpStatusCode.OK);
        return mode.Json.Str("mode");
    }

    [Fact]
    public async Task TheFirstAccount_RegistersEvenOnAClosedServer_AndIsAdmin()
    {
        await _server.Store.WriteAsync(tx =>
        {
            tx.SetSetting(ServerSettings.RegistrationKey, "closed");
            return 0;
        });
        Assert.Equal("closed", await ModeAsync());

        var first = await _server.RegisterAsync(TestData.Username("first"), inviteCode: null);
        first.AssertStatus(HttpStatusCode.Created);
        Assert.Equal("admin", first["user"].Str("role"));

        (await _server.RegisterAsync(TestData.Username("second"), inviteCode: null)).AssertProblem(HttpStatusCode.Forbidden, "registration_closed");
    }

    [Fact]
    public async Task Open_IsTheDefault_AndAnyoneRegisters()
    {
        var admin = await _server.RegisterAsync();
        Assert.Equal("open", await ModeAsync());
        Assert.Equal("open", (await admin.Api.GetAsync("/api/admin/settings/registration")).Json.Str("mode"));
        (await _server.RegisterAsync(TestData.Username("open"), inviteCode: null)).AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Closed_RefusesSelfRegistration_HereAndOnTheSchoolApi_AndStoresNothing()
    {
        var admin = await _server.RegisterAsync();
        await SetModeAsync(admin, "closed");
        var name = TestData.Username("shut");

        (await _server.RegisterAsync(name, inviteCode: null)).AssertProblem(HttpStatusCode.Forbidden, "registration_closed");
        (await _server.RegisterAsync(name, await InviteAsync(admin))).AssertProblem(HttpStatusCode.Forbidden, "registration_closed");
        (await _server.RegisterAsync(name, "not a code at all")).AssertProblem(HttpStatusCode.Forbidden, "registration_closed");
        using var school = _server.Anonymous();
        var refused = await school.PostAsync("/auth/register", new { username = name, password = School.Password });
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("no new registrations", refused.Detail(), StringComparison.Ordinal);
        Assert.Equal("closed", await ModeAsync());

        // Nothing was stored: the name is still free, for an admin to create.
        (await admin.Api.PostAsync("/api/admin/users", new { username = name, password = ApiTestHelpers.Password })).AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Invite_NeedsALiveCode_AndGivesItsRole()
    {
        var admin = await _server.RegisterAsync();
        await SetModeAsync(admin, "invite");

        (await _server.RegisterAsync(TestData.Username("nocode"), inviteCode: null)).AssertProblem(HttpStatusCode.Forbidden, "invite_invalid");
        (await _server.RegisterAsync(TestData.Username("blank"), inviteCode: "   ")).AssertProblem(HttpStatusCode.Forbidden, "invite_invalid");
        (await _server.RegisterAsync(TestData.Username("guess"), inviteCode: "AAAA-BBBB-CCCC")).AssertProblem(HttpStatusCode.Forbidden, "invite_invalid");
        (await _server.RegisterAsync(TestData.Username("huge"), inviteCode: new string('A', 100_000))).AssertProblem(HttpStatusCode.Forbidden, "invite_invalid");
        using var school = _server.Anonymous();
        Assert.Equal(HttpStatusCode.Forbidden, (await school.PostAsync("/auth/register", new { username = TestData.Username("sch"), password = School.Password })).Status);

        var code = await InviteAsync(admin, role: "teacher");
        // Typed as people do: lower case, spaces instead of dashes.
        var typed = code.ToLowerInvariant().Replace('-', ' ');
        var teacher = await _server.RegisterAsync(TestData.Username("invited"), typed);
        teacher.AssertStatus(HttpStatusCode.Created);
        Assert.Equal("teacher", teacher["user"].Str("role"));

        // Used up: its one use is gone.
        (await _server.RegisterAsync(TestData.Username("late"), code)).AssertProblem(HttpStatusCode.Forbidden, "invite_invalid");
        var listed = Assert.Single((await admin.Api.GetAsync("/api/admin/invites")).Json.Items());
        Assert.Equal((1, 1, "used_up"), (listed.GetProperty("usedCount").GetInt32(), listed.GetProperty("maxUses").GetInt32(), listed.Str("status")));
    }

    [Fact]
    public async Task Invite_ThatExpiredOrWasRevoked_AdmitsNobody()
    {
        var admin = await _server.RegisterAsync();
        await SetModeAsync(admin, "invite");
        var expiring = await InviteAsync(admin, maxUses: 5, hours: 1);
        var revoked = await InviteAsync(admin, maxUses: 5, hours: 24);
        var revokedId = (await admin.Api.GetAsync("/api/admin/invites")).Json.Items()[0].Long("id");
        (await admin.Api.DeleteAsync($"/api/admin/invites/{revokedId}")).AssertStatus(HttpStatusCode.OK);

        (await _server.RegisterAsync(TestData.Username("rev"), revoked)).AssertProblem(HttpStatusCode.Forbidden, "invite_invalid");
        (await _server.RegisterAsync(TestData.Username("ok"), expiring)).AssertStatus(HttpStatusCode.Created);
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        (await _server.RegisterAsync(TestData.Username("exp"), expiring)).AssertProblem(HttpStatusCode.Forbidden, "invite_invalid");

        var statuses = (await admin.Api.GetAsync("/api/admin/invites")).Json.Items().Select(i => (i.Str("status"), i.GetProperty("usedCount").GetInt32()));
        Assert.Equal([("revoked", 0), ("expired", 1)], statuses);
    }

    [Fact]
    public async Task Invite_ForATakenName_DoesNotSpendAUse()
    {
        var admin = await _server.RegisterAsync();
        await SetModeAsync(admin, "invite");
        var code = await InviteAsync(admin, maxUses: 1);

        (await _server.RegisterAsync(admin.Username, code)).AssertProblem(HttpStatusCode.Conflict, "username_taken");
        (await _server.RegisterAsync("x", code)).AssertProblem(HttpStatusCode.BadRequest, "invalid_username");
        Assert.Equal(0, (await admin.Api.GetAsync("/api/admin/invites")).Json.Items()[0].GetProperty("usedCount").GetInt32());
        (await _server.RegisterAsync(TestData.Username("fresh"), code)).AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Invite_RacedForByManyAtOnce_AdmitsNoMoreThanItsUses()
    {
        var admin = await _server.RegisterAsync();
        await SetModeAsync(admin, "invite");
        var code = await InviteAsync(admin, maxUses: 3);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => _server.RegisterAsync(TestData.Username("race"), code)));

        Assert.Equal(3, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => a.AssertProblem(HttpStatusCode.Forbidden, "invite_invalid"));
        Assert.Equal(3, (await admin.Api.GetAsync("/api/admin/invites")).Json.Items()[0].GetProperty("usedCount").GetInt32());
    }

    [Fact]
    public async Task Open_WithAnInviteCode_UsesIt_SoAnOpenServerCanStillInviteTeachers()
    {
        var admin = await _server.RegisterAsync();
        var code = await InviteAsync(admin, role: "teacher");
        var teacher = await _server.RegisterAsync(TestData.Username("t"), code);
        Assert.Equal("teacher", teacher["user"].Str("role"));
        (await _server.RegisterAsync(TestData.Username("t"), code)).AssertProblem(HttpStatusCode.Forbidden, "invite_invalid");
        (await _server.RegisterAsync(TestData.Username("s"), inviteCode: null)).AssertStatus(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("""{"mode":"Open"}""", "bad_request")]
    [InlineData("""{"mode":"sometimes"}""", "bad_request")]
    [InlineData("""{"mode":1}""", "bad_request")]
    [InlineData("""{"mode":""}""", "bad_request")]
    [InlineData("""{"mode":null}""", "bad_request")]
    [InlineData("""{}""", "bad_request")]
    [InlineData("""{"mode":"closed""", "bad_json")]
    public async Task BadModes_AreRefused_AndChangeNothing(string json, string code)
    {
        var admin = await _server.RegisterAsync();
        (await admin.Api.SendRawAsync(HttpMethod.Put, "/api/admin/settings/registration", json)).AssertProblem(HttpStatusCode.BadRequest, code);
        Assert.Equal("open", await ModeAsync());
    }

    [Fact]
    public async Task TheSetting_IsForAdminsOnly()
    {
        var admin = await _server.RegisterAsync();
        var student = await _server.RegisterAsync();
        var teacher = await _server.RegisterAsync();
        (await admin.Api.PutAsync($"/api/admin/users/{teacher.Id}/role", new { role = "teacher" })).AssertStatus(HttpStatusCode.OK);
        using var anonymous = _server.Anonymous();

        foreach (var caller in new[] { student.Api, teacher.Api })
        {
            (await caller.GetAsync("/api/admin/settings/registration")).AssertProblem(HttpStatusCode.Forbidden, "not_admin");
            (await caller.PutAsync("/api/admin/settings/registration", new { mode = "closed" })).AssertProblem(HttpStatusCode.Forbidden, "not_admin");
        }

        (await anonymous.PutAsync("/api/admin/settings/registration", new { mode = "closed" })).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("open", await ModeAsync());
    }

    [Fact]
    public async Task TheMode_HoldsAcrossARestart()
    {
        var admin = await _server.RegisterAsync();
        await SetModeAsync(admin, "invite");
        var data = _server.DataFolder;
        await _server.App.StopAsync();
        await _server.App.DisposeAsync();

        // The new server owns the folder now, and DisposeAsync removes it with the server.
        _server = await TestServer.StartAsync(dataFolder: data);
        using var anonymous = _server.Anonymous();
        Assert.Equal("invite", (await anonymous.GetAsync("/api/auth/registration")).Json.Str("mode"));
    }
}
