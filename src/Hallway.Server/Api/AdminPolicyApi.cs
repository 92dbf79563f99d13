using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Presence;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Admin only: people's roles and the server's direct-message policy.</summary>
public static class AdminPolicyApi
{
    public static void MapAdminPolicyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization();
        api.MapPut("/users/{userId:long}/role", SetRoleAsync);
        api.MapGet("/settings/direct-messages", async (HttpContext http, AdminService admin) =>
            TypedResults.Ok(new DirectMessagesSetting(await admin.GetDirectMessagesAsync(http.Caller()))));
        api.MapPut("/settings/direct-messages", async (DirectMessagesSetting body, HttpContext http, AdminService admin) =>
            TypedResults.Ok(new DirectMessagesSetting(await admin.SetDirectMessagesAsync(http.Caller(), body.Policy))));
    }

    private static async Task<Ok<UserView>> SetRoleAsync(long userId, RoleRequest body, HttpContext http, AdminService admin, PresenceTracker presence)
    {
        var user = await admin.SetRoleAsync(http.Caller(), userId, body.Role);
        return TypedResults.Ok(UserView.Of(user, presence.IsOnline(user.Id)));
    }
}

public sealed record RoleRequest(UserRole Role);

public sealed record DirectMessagesSetting(DirectMessagePolicy Policy);
