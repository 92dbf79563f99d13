using Hallway.Core.Accounts;
using Hallway.Core.Common;

namespace Hallway.Server.Api;

/// <summary>
/// Every <c>/api/admin/...</c> endpoint: one group, signed-in users only, and a gate that refuses
/// anyone but an admin with <c>not_admin</c> before the endpoint reads its body or parameters.
/// Core checks the role again in each admin method (the command line calls those directly).
/// </summary>
public static class AdminApi
{
    public const string Prefix = "/api/admin";

    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Admin").RequireAuthorization();
        api.MapAdminPolicyApi();
        api.MapAdminUsersApi();
        api.MapAdminGroupsApi();
        api.MapAdminModerationApi();
        api.MapAdminStatusApi();
    }

    /// <summary>
    /// Runs after authorization, so an anonymous request was already answered 401. It keys on the
    /// path rather than on metadata, so an admin endpoint mapped anywhere else is gated all the same;
    /// only matched endpoints are gated (an unknown admin path stays 404 not_found).
    /// </summary>
    public static IApplicationBuilder UseAdminGate(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase)
                && http.GetEndpoint() is not null
                && http.Items[typeof(Caller)] is Caller { User.IsAdmin: false })
            {
                // Thrown, not written here: the exception handler answers it like any refusal, and
                // logs it (a student trying admin endpoints is what an operator wants to see).
                throw Errors.NotAdmin();
            }

            await next(http);
        });
}
