using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Presence;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Admin only: people's roles and the server-wide settings (direct messages, retention).</summary>
public static class AdminPolicyApi
{
    public static void MapAdminPolicyApi(this RouteGroupBuilder api)
    {
        api.MapPut("/users/{userId:long}/role", SetRoleAsync);
        api.MapGet("/settings/direct-messages", async (HttpContext http, AdminService admin) =>
            TypedResults.Ok(new DirectMessagesSetting(await admin.GetDirectMessagesAsync(http.Caller()))));
        api.MapPut("/settings/direct-messages", async (DirectMessagesSetting body, HttpContext http, AdminService admin) =>
            TypedResults.Ok(new DirectMessagesSetting(await admin.SetDirectMessagesAsync(http.Caller(), body.Policy))));
        api.MapGet("/settings/retention", async (HttpContext http, AdminService admin) =>
            TypedResults.Ok(await admin.GetRetentionAsync(http.Caller())));
        api.MapPut("/settings/retention", async (RetentionSettings body, HttpContext http, AdminService admin) =>
            TypedResults.Ok(await admin.SetRetentionAsync(http.Caller(), body)));
    }

    private static async Task<Ok<UserView>> SetRoleAsync(long userId, RoleRequest body, HttpContext http, AdminService admin, PresenceTracker presence)
    {
        var user = await admin.SetRoleAsync(http.Caller(), userId, body.Role);
        return TypedResults.Ok(UserView.Of(user, presence.IsOnline(user.Id)));
    }
}

public sealed record RoleRequest(UserRole Role);

public sealed record DirectMessagesSetting(DirectMessagePolicy Policy);
