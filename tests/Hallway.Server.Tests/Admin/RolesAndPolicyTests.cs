using System.Net;
using System.Text;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Admin;

/// <summary>
/// Roles (admin, teacher, student) and the direct-message policy an admin sets: who may set them,
/// and that the policy holds over HTTP, the WebSocket and the school messenger's API alike.
/// </summary>
public sealed class RolesAndPolicyTests : AdminServerTest
{
    private async Task SetPolicyAsync(string policy) =>
        (await Admin.Api.PutAsync("/api/admin/settings/direct-messages", new { policy })).AssertStatus(HttpStatusCode.OK);

    private async Task<TestUser> TeacherAsync()
    {
        var teacher = await Server.RegisterAsync();
        (await Admin.Api.PutAsync($"/api/admin/users/{teacher.Id}/role", new { role = "teacher" })).AssertStatus(HttpStatusCode.OK);
        return teacher;
    }

    [Fact]
    public async Task NewAccounts_AreStudents_TheFirstIsAdmin()
    {
        var student = await Server.RegisterAsync();
        var me = (await Admin.Api.GetAsync("/api/me")).Json;
        Assert.Equal("admin", me.Str("role"));
        Assert.True(me.GetProperty("isAdmin").GetBoolean());
        var other = (await student.Api.GetAsync($"/api/users/{student.Id}")).Json;
        Assert.Equal("student", other.Str("role"));
        Assert.False(other.GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task AdminSetsARole_EveryoneHearsOfIt_AndANewAdminCanAdminister()
    {
        var bob = await Server.RegisterAsync();
        var (watcher, _) = await (await Server.RegisterAsync()).OpenAsync();
        await using var _ = watcher;

        var answer = await Admin.Api.PutAsync($"/api/admin/users/{bob.Id}/role", new { role = "admin" });
        answer.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("admin", answer.Json.Str("role"));
        var updated = await watcher.NextEventAsync("user.updated", payload => payload.GetProperty("user").Long("id") == bob.Id);
        Assert.Equal("admin", updated.GetProperty("payload").GetProperty("user").Str("role"));

        (await bob.Api.GetAsync("/api/admin/settings/direct-messages")).AssertStatus(HttpStatusCode.OK);
        (await bob.Api.PutAsync($"/api/admin/users/{bob.Id}/role", new { role = "student" })).AssertStatus(HttpStatusCode.OK);
        (await bob.Api.GetAsync("/api/admin/settings/direct-messages")).AssertProblem(HttpStatusCode.Forbidden, "not_admin");
    }

    [Fact]
    public async Task TheLastAdmin_CannotStopBeingOne()
    {
        (await Admin.Api.PutAsync($"/api/admin/users/{Admin.Id}/role", new { role = "teacher" })).AssertProblem(HttpStatusCode.Conflict, "last_admin");
        Assert.Equal("admin", (await Admin.Api.GetAsync("/api/me")).Json.Str("role"));
    }

    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "PUT", "/api/admin/users/1/role" },
        { "GET", "/api/admin/settings/direct-messages" },
        { "PUT", "/api/admin/settings/direct-messages" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoints_RefuseStudentsTeachersAndStrangers(string method, string path)
    {
        var body = path.EndsWith("/role", StringComparison.Ordinal) ? (object)new { role = "admin" } : new { policy = "everyone" };
        var student = await Server.RegisterAsync();
        var teacher = await TeacherAsync();
        using var anonymous = Server.Anonymous();
        (await anonymous.SendAsync(new HttpMethod(method), path, method == "GET" ? null : body)).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await student.Api.SendAsync(new HttpMethod(method), path, method == "GET" ? null : body)).AssertProblem(HttpStatusCode.Forbidden, "not_admin");
        (await teacher.Api.SendAsync(new HttpMethod(method), path, method == "GET" ? null : body)).AssertProblem(HttpStatusCode.Forbidden, "not_admin");
        Assert.Equal("student", (await student.Api.GetAsync("/api/me")).Json.Str("role"));
        Assert.Equal("everyone", (await Admin.Api.GetAsync("/api/admin/settings/direct-messages")).Json.Str("policy"));
    }

    [Theory]
    [InlineData("""{"role":"god"}""", "bad_request")]
    [InlineData("""{"role":2}""", "bad_request")]
    [InlineData("""{"role":""}""", "bad_request")]
    [InlineData("""{}""", "bad_request")]
    [InlineData("""{"role":""", "bad_json")]
    public async Task BadRoles_AreRefused_AndChangeNothing(string json, string code)
    {
        var bob = await Server.RegisterAsync();
        (await Admin.Api.SendRawAsync(HttpMethod.Put, $"/api/admin/users/{bob.Id}/role", json)).AssertProblem(HttpStatusCode.BadRequest, code);
        (await Admin.Api.SendRawAsync(HttpMethod.Put, "/api/admin/settings/direct-messages", json.Replace("role", "policy", StringComparison.Ordinal))).AssertProblem(HttpStatusCode.BadRequest, code);
        Assert.Equal("student", (await bob.Api.GetAsync("/api/me")).Json.Str("role"));
        Assert.Equal("everyone", (await Admin.Api.GetAsync("/api/admin/settings/direct-messages")).Json.Str("policy"));
    }

    [Fact]
    public async Task RolesOfUnknownUsers_AreNotFound()
    {
        (await Admin.Api.PutAsync("/api/admin/users/987654/role", new { role = "teacher" })).AssertProblem(HttpStatusCode.NotFound, "user_not_found");
        (await Admin.Api.SendRawAsync(HttpMethod.Put, "/api/admin/users/987654/role", Encoding.UTF8.GetBytes("{\"role\":\"te").Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}"u8.ToArray()).ToArray())).AssertProblem(HttpStatusCode.BadRequest, "bad_json");
    }

    [Fact]
    public async Task StaffOnly_StudentsCannotOpenOrWriteToEachOther_OverHttpOrSocket_ButReachStaff()
    {
        await SetPolicyAsync("everyone");
        var anna = await Server.RegisterAsync();
        var boris = await Server.RegisterAsync();
        var teacher = await TeacherAsync();
        var earlier = await anna.OpenDirectAsync(boris); // opened while the policy allowed it
        await SetPolicyAsync("staff-only");

        (await anna.Api.PostAsync("/api/chats/direct", new { userId = boris.Id })).AssertProblem(HttpStatusCode.Forbidden, "policy_restricted");
        (await anna.Api.PostAsync($"/api/chats/{earlier}/messages", new { clientId = TestData.ClientId(), text = "psst" })).AssertProblem(HttpStatusCode.Forbidden, "policy_restricted");
        var (socket, _) = await anna.OpenAsync();
        await using (socket)
        {
            Assert.Equal("policy_restricted", await socket.RequestErrorAsync("send", new { chatId = earlier, clientId = TestData.ClientId(), text = "psst" }));
        }

        Assert.Empty((await boris.Api.GetAsync($"/api/chats/{earlier}/messages")).Json.GetProperty("messages").Items());

        // Students still reach staff, and staff reach students; writing to yourself is always fine.
        var toTeacher = await anna.OpenDirectAsync(teacher);
        await anna.SendAsync(toTeacher, "a question about homework");
        await teacher.SendAsync(await teacher.OpenDirectAsync(boris), "see me after class");
        await anna.SendAsync(await anna.OpenDirectAsync(anna), "note to self");
        await anna.SendAsync(await anna.OpenDirectAsync(Admin), "hello admin");
    }

    [Fact]
    public async Task SharedGroups_StudentsWriteToClassmates_NotToStrangers()
    {
        await SetPolicyAsync("shared-groups");
        var anna = await Server.RegisterAsync();
        var boris = await Server.RegisterAsync();
        var stranger = await Server.RegisterAsync();
        var teacher = await TeacherAsync();
        await teacher.CreateGroupAsync("7B", anna, boris);

        await anna.SendAsync(await anna.OpenDirectAsync(boris), "did you do the homework?");
        (await anna.Api.PostAsync("/api/chats/direct", new { userId = stranger.Id })).AssertProblem(HttpStatusCode.Forbidden, "policy_restricted");
        (await stranger.Api.PostAsync("/api/chats/direct", new { userId = anna.Id })).AssertProblem(HttpStatusCode.Forbidden, "policy_restricted");
        await stranger.SendAsync(await stranger.OpenDirectAsync(teacher), "which room is 7B in?");
        await SetPolicyAsync("everyone");
        await anna.SendAsync(await anna.OpenDirectAsync(stranger), "hi");
    }

    [Fact]
    public async Task ThePolicy_HoldsOverTheSchoolMessengersApi()
    {
        await SetPolicyAsync("staff-only");
        var anna = await Server.RegisterAsync();
        var boris = await Server.RegisterAsync();
        var teacher = await TeacherAsync();

        var refused = await anna.Api.PostAsync("/messages", new { content = "psst", receiver_id = boris.Id, message_type = "text" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("This server's rules do not let students message each other directly here.", refused.Json.Str("detail"));
        Assert.Empty((await boris.Api.GetAsync("/messages/unread")).Json.GetProperty("messages").Items());

        var sent = await anna.Api.PostAsync("/messages", new { content = "question", receiver_id = teacher.Id, message_type = "text" });
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        await SetPolicyAsync("everyone");
    }

    [Fact]
    public async Task Teachers_ModerateTheGroupsTheyAreIn_NotOthersDirectChats()
    {
        var teacher = await TeacherAsync();
        var anna = await Server.RegisterAsync();
        var boris = await Server.RegisterAsync();
        var group = await anna.CreateGroupAsync("study club", teacher, boris);
        var rude = await boris.SendAsync(group, "something rude");
        (await teacher.Api.DeleteAsync($"/api/messages/{rude.Long("id")}")).AssertStatus(HttpStatusCode.OK);

        var mine = await teacher.SendAsync(group, "please be kind");
        (await boris.Api.DeleteAsync($"/api/messages/{mine.Long("id")}")).AssertProblem(HttpStatusCode.Forbidden, "not_your_message");

        var direct = await anna.OpenDirectAsync(boris);
        var secret = await anna.SendAsync(direct, "between us");
        // Not a member: to the teacher the message does not exist.
        (await teacher.Api.DeleteAsync($"/api/messages/{secret.Long("id")}")).AssertProblem(HttpStatusCode.NotFound, "message_not_found");
        Assert.False((await boris.Api.GetAsync($"/api/messages/{secret.Long("id")}")).Json.GetProperty("deleted").GetBoolean());
    }
}
