using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Common;
using Hallway.Core.Presence;
using Hallway.Server.Auth;
using Hallway.Server.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Admin only: the people of the server (list, disable, enable, new password, remove).</summary>
public static class AdminUsersApi
{
    public static void MapAdminUsersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/users", ListAsync);
        api.MapPost("/users/{userId:long}/disable", DisableAsync);
        api.MapPost("/users/{userId:long}/enable", async (long userId, HttpContext http, AdminUserService users, PresenceTracker presence) =>
            TypedResults.Ok(View(await users.EnableAsync(http.Caller(), userId), presence)));
        api.MapPost("/users/{userId:long}/password", SetPasswordAsync);
        api.MapDelete("/users/{userId:long}", DeleteAsync);
    }

    private static async Task<Ok<IReadOnlyList<AdminUserView>>> ListAsync(string? query, string? role, bool? disabled, long? after, int? limit, HttpContext http, AdminUserService users, PresenceTracker presence)
    {
        var list = await users.ListAsync(http.Caller(), query, RoleOf(role), disabled, after, limit);
        return TypedResults.Ok<IReadOnlyList<AdminUserView>>([.. list.Select(u => View(u, presence))]);
    }

    /// <summary>
    /// Revoking the sessions closes the user's sockets through session.revoked; closing whatever of
    /// theirs is still registered covers a connection that was between sign-in and its first check.
    /// </summary>
    private static async Task<Ok<AdminUserView>> DisableAsync(long userId, HttpContext http, AdminUserService users, PresenceTracker presence, RealtimeHub hub)
    {
        var user = await users.DisableAsync(http.Caller(), userId);
        hub.CloseUser(userId, CloseCodes.SessionRevoked, "session revoked");
        return TypedResults.Ok(View(user, presence));
    }

    private static async Task<NoContent> SetPasswordAsync(long userId, SetPasswordRequest body, HttpContext http, AdminUserService users)
    {
        await users.SetPasswordAsync(http.Caller(), userId, body.Password);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> DeleteAsync(long userId, HttpContext http, AdminUserService users, RealtimeHub hub)
    {
        await users.DeleteAsync(http.Caller(), userId);
        hub.CloseUser(userId, CloseCodes.SessionRevoked, "session revoked");
        return TypedResults.NoContent();
    }

    private static UserRole? RoleOf(string? role) => role switch
    {
        null or "" => null,
        "admin" => UserRole.Admin,
        "teacher" => UserRole.Teacher,
        "student" => UserRole.Student,
        _ => throw Errors.BadRequest("role is admin, teacher or student."),
    };

    private static AdminUserView View(AdminUser user, PresenceTracker presence) => AdminUserView.Of(user, presence.IsOnline(user.User.Id));
}
