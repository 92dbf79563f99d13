using System.Net;
using Hallway.Server.Tests.Admin;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Security;

/// <summary>
/// The account-security admin actions land in the audit log like every other admin action, with
/// ids and names only: never an invite code, a reset token or a password.
/// </summary>
public sealed class SecurityAuditTests : AdminServerTest
{
    [Fact]
    public async Task CreateAccount_IsAudited_WithoutThePassword()
    {
        var cursor = await Admin.AuditCursorAsync();
        var name = TestData.Username("aud");

        var created = await Admin.Api.PostAsync("/api/admin/users", new { username = name, password = "audit secret pw", role = "teacher" });

        created.AssertStatus(HttpStatusCode.Created);
        var row = await Admin.SingleAuditAsync(cursor, "user.created");
        Assert.Equal(created.Json.Long("id"), row.Long("targetId"));
        Assert.Equal(name, row.GetProperty("detail").Str("username"));
        Assert.Equal("teacher", row.GetProperty("detail").Str("role"));
        Assert.DoesNotContain("audit secret pw", row.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetLink_IsAudited_WithoutTheToken()
    {
        var student = await Server.RegisterAsync();
        var cursor = await Admin.AuditCursorAsync();

        var link = (await Admin.Api.PostAsync($"/api/admin/users/{student.Id}/reset-link")).EnsureSuccess();

        var row = await Admin.SingleAuditAsync(cursor, "user.reset_link");
        Assert.Equal(student.Id, row.Long("targetId"));
        Assert.DoesNotContain(link.Json.Str("token"), row.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invites_AreAudited_WithoutTheCode_AndRevokingTwiceWritesOneRow()
    {
        var cursor = await Admin.AuditCursorAsync();
        var invite = (await Admin.Api.PostAsync("/api/admin/invites", new { maxUses = 3, expiresInHours = 24, role = "student" })).EnsureSuccess();
        var id = invite.Json.GetProperty("invite").Long("id");

        var created = await Admin.SingleAuditAsync(cursor, "invite.created");
        Assert.Equal(id, created.Long("targetId"));
        Assert.Equal(3, created.GetProperty("detail").Long("maxUses"));
        Assert.DoesNotContain(invite.Json.Str("code"), created.GetRawText(), StringComparison.Ordinal);

        cursor = await Admin.AuditCursorAsync();
        (await Admin.Api.DeleteAsync($"/api/admin/invites/{id}")).AssertStatus(HttpStatusCode.OK);
        (await Admin.Api.DeleteAsync($"/api/admin/invites/{id}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("invite", (await Admin.SingleAuditAsync(cursor, "invite.revoked")).Str("targetType"));

        cursor = await Admin.AuditCursorAsync();
        (await Admin.Api.DeleteAsync("/api/admin/invites/999999")).AssertStatus(HttpStatusCode.NotFound);
        await Admin.AssertNothingAuditedAsync(cursor);
    }

    [Fact]
    public async Task RegistrationMode_IsAuditedWhenItChanges_Only()
    {
        var cursor = await Admin.AuditCursorAsync();
        (await Admin.Api.PutAsync("/api/admin/settings/registration", new { mode = "invite" })).AssertStatus(HttpStatusCode.OK);
        var row = await Admin.SingleAuditAsync(cursor, "settings.registration");
        Assert.Equal(("open", "invite"), (row.GetProperty("detail").Str("from"), row.GetProperty("detail").Str("to")));

        cursor = await Admin.AuditCursorAsync();
        (await Admin.Api.PutAsync("/api/admin/settings/registration", new { mode = "invite" })).AssertStatus(HttpStatusCode.OK);
        (await Admin.Api.PutAsync("/api/admin/settings/registration", new { mode = "sometimes" })).AssertStatus(HttpStatusCode.BadRequest);
        await Admin.AssertNothingAuditedAsync(cursor);
    }

    [Fact]
    public async Task TurningOffSomeonesTwoFactor_IsAudited()
    {
        var student = await Server.RegisterAsync();
        await student.EnableTwoFactorAsync(TimeProvider.System);
        var cursor = await Admin.AuditCursorAsync();

        (await Admin.Api.DeleteAsync($"/api/admin/users/{student.Id}/2fa")).AssertStatus(HttpStatusCode.NoContent);

        Assert.Equal(student.Id, (await Admin.SingleAuditAsync(cursor, "user.two_factor_off")).Long("targetId"));
    }
}
