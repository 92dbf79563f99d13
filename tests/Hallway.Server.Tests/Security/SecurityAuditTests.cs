using System.Net;
using Hallway.Server.Tests.Admin;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Security;

/// <summary>
/// The account-security admin actions land in the audit log like every other admin action, with
/// ids and names only: never an invite code, a reset token or a password.
/// </summary>
public sealed class SecurityAuditTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private TestUser _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _admin = await _server.RegisterAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CreateAccount_IsAudited_WithoutThePassword()
    {
        var cursor = await _admin.AuditCursorAsync();
        var name = TestData.Username("aud");

        var created = await _admin.Api.PostAsync("/api/admin/users", new { username = name, password = "audit secret pw", role = "teacher" });

        created.AssertStatus(HttpStatusCode.Created);
        var row = await _admin.SingleAuditAsync(cursor, "user.created");
        Assert.Equal(created.Json.Long("id"), row.Long("targetId"));
        Assert.Equal(name, row.GetProperty("detail").Str("username"));
        Assert.Equal("teacher", row.GetProperty("detail").Str("role"));
        Assert.DoesNotContain("audit secret pw", row.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetLink_IsAudited_WithoutTheToken()
    {
        var student = await _server.RegisterAsync();
        var cursor = await _admin.AuditCursorAsync();

        var link = (await _admin.Api.PostAsync($"/api/admin/users/{student.Id}/reset-link")).EnsureSuccess();

        var row = await _admin.SingleAuditAsync(cursor, "user.reset_link");
        Assert.Equal(student.Id, row.Long("targetId"));
        Assert.DoesNotContain(link.Json.Str("token"), row.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invites_AreAudited_WithoutTheCode_AndRevokingTwiceWritesOneRow()
    {
        var cursor = await _admin.AuditCursorAsync();
        var invite = (await _admin.Api.PostAsync("/api/admin/invites", new { maxUses = 3, expiresInHours = 24, role = "student" })).EnsureSuccess();
        var id = invite.Json.GetProperty("invite").Long("id");

        var created = await _admin.SingleAuditAsync(cursor, "invite.created");
        Assert.Equal(id, created.Long("targetId"));
        Assert.Equal(3, created.GetProperty("detail").Long("maxUses"));
        Assert.DoesNotContain(invite.Json.Str("code"), created.GetRawText(), StringComparison.Ordinal);

        cursor = await _admin.AuditCursorAsync();
        (await _admin.Api.DeleteAsync($"/api/admin/invites/{id}")).AssertStatus(HttpStatusCode.OK);
        (await _admin.Api.DeleteAsync($"/api/admin/invites/{id}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("invite", (await _admin.SingleAuditAsync(cursor, "invite.revoked")).Str("targetType"));

        cursor = await _admin.AuditCursorAsync();
        (await _admin.Api.DeleteAsync("/api/admin/invites/999999")).AssertStatus(HttpStatusCode.NotFound);
        await _admin.AssertNothingAuditedAsync(cursor);
    }

    [Fact]
    public async Task RegistrationMode_IsAuditedWhenItChanges_Only()
    {
        var cursor = await _admin.AuditCursorAsync();
        (await _admin.Api.PutAsync("/api/admin/settings/registration", new { mode = "invite" })).AssertStatus(HttpStatusCode.OK);
        var row = await _admin.SingleAuditAsync(cursor, "settings.registration");
        Assert.Equal(("open", "invite"), (row.GetProperty("detail").Str("from"), row.GetProperty("detail").Str("to")));

        cursor = await _admin.AuditCursorAsync();
        (await _admin.Api.PutAsync("/api/admin/settings/registration", new { mode = "invite" })).AssertStatus(HttpStatusCode.OK);
        (await _admin.Api.PutAsync("/api/admin/settings/registration", new { mode = "sometimes" })).AssertStatus(HttpStatusCode.BadRequest);
        await _admin.AssertNothingAuditedAsync(cursor);
    }

    [Fact]
    public async Task TurningOffSomeonesTwoFactor_IsAudited()
    {
        var student = await _server.RegisterAsync();
        await student.EnableTwoFactorAsync(TimeProvider.System);
        var cursor = await _admin.AuditCursorAsync();

        (await _admin.Api.DeleteAsync($"/api/admin/users/{student.Id}/2fa")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Equal(student.Id, (await _admin.SingleAuditAsync(cursor, "user.two_factor_off")).Long("targetId"));
    }
}
