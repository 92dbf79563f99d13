using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Presence;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Admin only: the registration mode, invites, accounts made by an admin, reset links, a lost second factor.</summary>
public static class AdminAccountsApi
{
    public static void MapAdminAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization();
        api.MapGet("/settings/registration", async (HttpContext http, AdminService admin) =>
            TypedResults.Ok(new RegistrationSetting(await admin.GetRegistrationAsync(http.Caller()))));
        api.MapPut("/settings/registration", async (RegistrationSetting body, HttpContext http, AdminService admin) =>
            TypedResults.Ok(new RegistrationSetting(await admin.SetRegistrationAsync(http.Caller(), body.Mode))));
        api.MapPost("/users", CreateUserAsync);
        api.MapPost("/users/{userId:long}/reset-link", ResetLinkAsync);
        api.MapDelete("/users/{userId:long}/2fa", async (long userId, HttpContext http, AdminService admin) =>
        {
            await admin.TurnOffTwoFactorAsync(http.Caller(), userId);
            return TypedResults.NoContent();
        });
        api.MapPost("/invites", CreateInviteAsync);
        api.MapGet("/invites", ListInvitesAsync);
        api.MapDelete("/invites/{inviteId:long}", RevokeInviteAsync);
    }

    private static async Task<Created<UserView>> CreateUserAsync(CreateUserRequest body, HttpContext http, AccountService accounts, PresenceTracker presence)
    {
        var user = await accounts.CreateAccountAsync(http.Caller(), body.Username, body.DisplayName, body.Password, body.Role);
        return TypedResults.Created($"/api/users/{user.Id}", UserView.Of(user, presence.IsOnline(user.Id)));
    }

    /// <summary>
    /// The token goes after '#', so a browser opening the link never sends it to the server (nor
    /// to anything in its logs or Referer headers); the page reads it and calls the API.
    /// </summary>
    private static async Task<Ok<ResetLinkResponse>> ResetLinkAsync(long userId, HttpContext http, AccountService accounts)
    {
        var link = await accounts.CreateResetLinkAsync(http.Caller(), userId);
        var url = $"/reset#token={link.Token}";
        var absolute = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{url}";
        return TypedResults.Ok(new ResetLinkResponse(link.User.Id, url, absolute, link.Token, link.ExpiresAt, QrCodes.Svg(absolute)));
    }

    private static async Task<Created<CreatedInviteResponse>> CreateInviteAsync(CreateInviteRequest body, HttpContext http, AdminService admin, TimeProvider time)
    {
        var created = await admin.CreateInviteAsync(http.Caller(), body.MaxUses, body.ExpiresInHours, body.Role);
        var view = InviteView.Of(created.Invite, time.GetUtcNow());
        return TypedResults.Created((string?)null, new CreatedInviteResponse(created.Code, view));
    }

    private static async Task<Ok<IReadOnlyList<InviteView>>> ListInvitesAsync(HttpContext http, AdminService admin, TimeProvider time)
    {
        var invites = await admin.ListInvitesAsync(http.Caller());
        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<InviteView>>([.. invites.Select(i => InviteView.Of(i, now))]);
    }

    private static async Task<Ok<InviteView>> RevokeInviteAsync(long inviteId, HttpContext http, AdminService admin, TimeProvider time) =>
        TypedResults.Ok(InviteView.Of(await admin.RevokeInviteAsync(http.Caller(), inviteId), time.GetUtcNow()));
}
