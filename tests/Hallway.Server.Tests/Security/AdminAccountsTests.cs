using System.Net;
using Hallway.Server.Tests.Admin;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Security;

/// <summary>Accounts an admin creates, and the invite endpoints: inputs, permissions, what is shown once.</summary>
public sealed class AdminAccountsTests : AdminServerTest
{
    private async Task<TestUser> TeacherAsync()
    {
        var teacher = await Server.RegisterAsync();
        (await Admin.Api.PutAsync($"/api/admin/users/{teacher.Id}/role", new { role = "teacher" })).AssertStatus(HttpStatusCode.OK);
        return teacher;
    }

    [Fact]
    public async Task CreateUser_MakesAnAccountThatSignsIn_InTheLobby_WithTheRoleGiven_WhateverTheMode()
    {
        (await Admin.Api.PutAsync("/api/admin/settings/registration", new { mode = "closed" })).AssertStatus(HttpStatusCode.OK);
        var name = TestData.Username("made");

        var created = await Admin.Api.PostAsync("/api/admin/users", new { username = name, password = "a new password", displayName = "  Made By Admin ", role = "teacher" });

        created.AssertStatus(HttpStatusCode.Created);
        var id = created.Json.Long("id");
        Assert.Equal($"/api/users/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal((name, "Made By Admin", "teacher"), (created.Json.Str("username"), created.Json.Str("displayName"), created.Json.Str("role")));
        Assert.Equal(1, await Admin.SessionCountAsync()); // no session was opened for the new account, and the admin's stays alone
        var login = await Server.LoginAsync(name, "a new password");
        login.AssertStatus(HttpStatusCode.OK);
        using var made = Server.Client(login.Json.Str("token"));
        var chats = (await made.GetAsync("/api/chats")).Json.Items();
        Assert.Contains(chats, c => c.GetProperty("chat").Str("kind") == "lobby");
    }

    [Fact]
    public async Task CreateUser_DefaultsToAStudentNamedAsTheUsername()
    {
        var name = TestData.Username("plain");
        var created = await Admin.Api.PostAsync("/api/admin/users", new { username = name, password = ApiTestHelpers.Password });
        created.AssertStatus(HttpStatusCode.Created);
        Assert.Equal((name, "student"), (created.Json.Str("displayName"), created.Json.Str("role")));
    }

    [Theory]
    [InlineData("""{"username":"ab","password":"long enough"}""", "invalid_username")]
    [InlineData("""{"username":"fine-name","password":"short"}""", "invalid_password")]
    [InlineData("""{"username":"fine-name","password":"long enough","displayName":"two\nlines"}""", "invalid_display_name")]
    [InlineData("""{"username":"fine-name","password":"long enough","role":"god"}""", "bad_request")]
    [InlineData("""{"username":"fine-name","password":"long enough","role":2}""", "bad_request")]
    [InlineData("""{"username":"fine-name"}""", "bad_request")]
    [InlineData("""{"username":5,"password":"long enough"}""", "bad_request")]
    [InlineData("""{"username":"fine-name","password":""", "bad_json")]
    public async Task CreateUser_BadInput_IsRefused_AndStoresNothing(string json, string code)
    {
        (await Admin.Api.SendRawAsync(HttpMethod.Post, "/api/admin/users", json)).AssertProblem(HttpStatusCode.BadRequest, code);
        (await Admin.Api.SendRawAsync(HttpMethod.Post, "/api/admin/users", new string('x', 300_000))).AssertProblem(HttpStatusCode.BadRequest, "bad_json");
        Assert.DoesNotContain((await Admin.Api.GetAsync("/api/users?q=fine-name")).Json.Items(), u => u.Str("username") == "fine-name");
    }

    [Fact]
    public async Task CreateUser_TakenName_Is409()
    {
        (await Admin.Api.PostAsync("/api/admin/users", new { username = Admin.Username.ToUpperInvariant(), password = ApiTestHelpers.Password }))
            .AssertProblem(HttpStatusCode.Conflict, "username_taken");
    }

    public static TheoryData<string, string> AdminOnly => new()
    {
        { "POST", "/api/admin/users" },
        { "POST", "/api/admin/invites" },
        { "GET", "/api/admin/invites" },
        { "DELETE", "/api/admin/invites/1" },
        { "POST", "/api/admin/users/1/reset-link" },
        { "DELETE", "/api/admin/users/1/2fa" },
        { "GET", "/api/admin/settings/registration" },
        { "PUT", "/api/admin/settings/registration" },
    };

    [Theory]
    [MemberData(nameof(AdminOnly))]
    public async Task AdminEndpoints_RefuseStudentsTeachersAndStrangers_AndDoNothing(string method, string path)
    {
        var body = new { username = TestData.Username("sneak"), password = ApiTestHelpers.Password, maxUses = 5, expiresInHours = 5, mode = "closed" };
        var student = await Server.RegisterAsync();
        var teacher = await TeacherAsync();
        using var anonymous = Server.Anonymous();
        var send = method is "GET" or "DELETE" ? null : body;

        (await anonymous.SendAsync(new HttpMethod(method), path, send)).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await student.Api.SendAsync(new HttpMethod(method), path, send)).AssertProblem(HttpStatusCode.Forbidden, "not_admin");
        (await teacher.Api.SendAsync(new HttpMethod(method), path, send)).AssertProblem(HttpStatusCode.Forbidden, "not_admin");

        Assert.Empty((await Admin.Api.GetAsync("/api/admin/invites")).Json.Items());
        Assert.Equal("open", (await Admin.Api.GetAsync("/api/admin/settings/registration")).Json.Str("mode"));
        Assert.Empty((await Admin.Api.GetAsync("/api/users?q=sneak")).Json.Items());
    }

    [Fact]
    public async Task CreateInvite_ShowsTheCodeOnce_ListShowsTheInviteWithoutIt()
    {
        var created = await Admin.Api.PostAsync("/api/admin/invites", new { maxUses = 30, expiresInHours = 48, role = "teacher" });

        created.AssertStatus(HttpStatusCode.Created);
        var code = created.Json.Str("code");
        Assert.Matches("^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$", code);
        var invite = created["invite"];
        Assert.Equal((30, 0, "teacher", "active"), (invite.GetProperty("maxUses").GetInt32(), invite.GetProperty("usedCount").GetInt32(), invite.Str("role"), invite.Str("status")));
        Assert.Equal(Admin.Id, invite.Long("createdBy"));
        Assert.True(invite.IsNull("revokedAt"));
        var lifetime = invite.GetProperty("expiresAt").GetDateTimeOffset() - invite.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(48), lifetime);

        var listed = await Admin.Api.GetAsync("/api/admin/invites");
        listed.AssertStatus(HttpStatusCode.OK);
        var row = Assert.Single(listed.Json.Items());
        Assert.Equal(invite.Long("id"), row.Long("id"));
        Assert.False(row.TryGetProperty("code", out _));
        Assert.DoesNotContain(code, listed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateInvite_RoleDefaultsToStudent()
    {
        var created = await Admin.Api.PostAsync("/api/admin/invites", new { maxUses = 1, expiresInHours = 1 });
        created.AssertStatus(HttpStatusCode.Created);
        Assert.Equal("student", created["invite"].Str("role"));
    }

    [Theory]
    [InlineData("""{"maxUses":0,"expiresInHours":1}""", "invalid_max_uses")]
    [InlineData("""{"maxUses":1001,"expiresInHours":1}""", "invalid_max_uses")]
    [InlineData("""{"maxUses":-5,"expiresInHours":1}""", "invalid_max_uses")]
    [InlineData("""{"maxUses":1,"expiresInHours":0}""", "invalid_expires_in_hours")]
    [InlineData("""{"maxUses":1,"expiresInHours":8761}""", "invalid_expires_in_hours")]
    [InlineData("""{"maxUses":1,"expiresInHours":1,"role":"admin"}""", "invalid_role")]
    [InlineData("""{"maxUses":1,"expiresInHours":1,"role":"god"}""", "bad_request")]
    [InlineData("""{"maxUses":"5","expiresInHours":1}""", "bad_request")]
    [InlineData("""{"maxUses":1.5,"expiresInHours":1}""", "bad_request")]
    [InlineData("""{"maxUses":99999999999,"expiresInHours":1}""", "bad_request")]
    [InlineData("""{"expiresInHours":1}""", "bad_request")]
    [InlineData("""{"maxUses":1}""", "bad_request")]
    [InlineData("""[]""", "bad_request")]
    [InlineData("""{"maxUses":1,""", "bad_json")]
    public async Task CreateInvite_BadInput_IsRefused_AndStoresNothing(string json, string code)
    {
        (await Admin.Api.SendRawAsync(HttpMethod.Post, "/api/admin/invites", json)).AssertProblem(HttpStatusCode.BadRequest, code);
        Assert.Empty((await Admin.Api.GetAsync("/api/admin/invites")).Json.Items());
    }

    [Fact]
    public async Task CreateInvite_AtTheLimits_IsAccepted()
    {
        (await Admin.Api.PostAsync("/api/admin/invites", new { maxUses = 1000, expiresInHours = 8760 })).AssertStatus(HttpStatusCode.Created);
        (await Admin.Api.PostAsync("/api/admin/invites", new { maxUses = 1, expiresInHours = 1 })).AssertStatus(HttpStatusCode.Created);
        Assert.Equal(2, (await Admin.Api.GetAsync("/api/admin/invites")).Json.GetArrayLength());
    }

    [Fact]
    public async Task RevokeInvite_MarksItRevoked_Twice_IsFine_UnknownIs404()
    {
        var id = (await Admin.Api.PostAsync("/api/admin/invites", new { maxUses = 3, expiresInHours = 3 })).Json.GetProperty("invite").Long("id");

        var revoked = await Admin.Api.DeleteAsync($"/api/admin/invites/{id}");
        revoked.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("revoked", revoked.Json.Str("status"));
        var first = revoked.Json.GetProperty("revokedAt").GetDateTimeOffset();
        var again = await Admin.Api.DeleteAsync($"/api/admin/invites/{id}");
        again.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(first, again.Json.GetProperty("revokedAt").GetDateTimeOffset());

        (await Admin.Api.DeleteAsync("/api/admin/invites/987654")).AssertProblem(HttpStatusCode.NotFound, "invite_not_found");
        (await Admin.Api.DeleteAsync("/api/admin/invites/abc")).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }
}
