using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Admin;

/// <summary>The admin API's audit log and users, as the admin tests look at them.</summary>
internal static class AdminTestHelpers
{
    /// <summary>The newest audit row's id (0 when the log is empty): rows after it are "new".</summary>
    public static async Task<long> AuditCursorAsync(this TestUser admin)
    {
        var rows = await admin.AuditAsync("?limit=1");
        return rows.Length == 0 ? 0 : rows[0].Long("id");
    }

    public static async Task<JsonElement[]> AuditAsync(this TestUser admin, string query = "")
    {
        var response = await admin.Api.GetAsync("/api/admin/audit" + query);
        response.AssertStatus(HttpStatusCode.OK);
        return response.Json.Items();
    }

    /// <summary>Audit rows written after <paramref name="cursor"/>, oldest first.</summary>
    public static async Task<JsonElement[]> AuditSinceAsync(this TestUser admin, long cursor) =>
        [.. (await admin.AuditAsync("?limit=200")).Where(e => e.Long("id") > cursor).Reverse()];

    public static async Task AssertNothingAuditedAsync(this TestUser admin, long cursor)
    {
        var rows = await admin.AuditSinceAsync(cursor);
        Assert.True(rows.Length == 0, "Unexpected audit rows: " + string.Join(" | ", rows.Select(r => r.GetRawText())));
    }

    /// <summary>The single audit row written since the cursor, which must have this action.</summary>
    public static async Task<JsonElement> SingleAuditAsync(this TestUser admin, long cursor, string action)
    {
        var rows = await admin.AuditSinceAsync(cursor);
        Assert.True(rows.Length == 1 && rows[0].Str("action") == action, $"Expected one '{action}' row, got: " + string.Join(" | ", rows.Select(r => r.GetRawText())));
        Assert.Equal(admin.Id, rows[0].Long("actorId"));
        return rows[0];
    }

    /// <summary>The user's row in the admin's user list.</summary>
    public static async Task<JsonElement> AdminRowAsync(this TestUser admin, long userId)
    {
        var response = await admin.Api.GetAsync($"/api/admin/users?after={userId - 1}&limit=1");
        response.AssertStatus(HttpStatusCode.OK);
        var row = response.Json.Items().SingleOrDefault(u => u.Long("id") == userId);
        Assert.True(row.ValueKind == JsonValueKind.Object, $"User {userId} is not in the admin's list: {response.Text}");
        return row;
    }

    public static async Task<TestUser> TeacherAsync(this TestServer server, TestUser admin)
    {
        var teacher = await server.RegisterAsync();
        (await admin.Api.PutAsync($"/api/admin/users/{teacher.Id}/role", new { role = "teacher" })).AssertStatus(HttpStatusCode.OK);
        return teacher;
    }
}
