using Hallway.Core.Accounts;
using Hallway.Core.Presence;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Profiles, user search, presence and contacts.</summary>
public static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Users").RequireAuthorization();
        api.MapGet("/me", GetMeAsync);
        api.MapPatch("/me", UpdateMeAsync);
        api.MapPut("/me/avatar", async (AvatarRequest body, HttpContext http, UserService users, PresenceTracker presence) =>
            TypedResults.Ok(View(await users.SetAvatarAsync(http.Caller(), body.FileId), presence)));
        api.MapDelete("/me/avatar", async (HttpContext http, UserService users, PresenceTracker presence) =>
            TypedResults.Ok(View(await users.SetAvatarAsync(http.Caller(), null), presence)));
        api.MapGet("/me/privacy", GetPrivacyAsync);
        api.MapPut("/me/privacy", SetPrivacyAsync);
        api.MapGet("/users", SearchAsync);
        api.MapGet("/users/{userId:long}", GetAsync);
        api.MapGet("/presence", (PresenceTracker presence) => TypedResults.Ok(new PresenceResponse(presence.OnlineUsers())));
        api.MapGet("/contacts", ContactsAsync);
        api.MapPut("/contacts/{userId:long}", AddContactAsync);
        api.MapDelete("/contacts/{userId:long}", RemoveContactAsync);
    }

    private static async Task<Ok<UserView>> GetMeAsync(HttpContext http, UserService users, PresenceTracker presence) =>
        TypedResults.Ok(View(await users.GetAsync(http.Caller().Id), presence));

    private static async Task<Ok<UserView>> UpdateMeAsync(ProfileRequest body, HttpContext http, UserService users, PresenceTracker presence) =>
        TypedResults.Ok(View(await users.UpdateProfileAsync(http.Caller(), body.DisplayName, body.About), presence));

    private static async Task<Ok<Privacy>> GetPrivacyAsync(HttpContext http, UserService users) =>
        TypedResults.Ok(await users.GetPrivacyAsync(http.Caller()));

    private static async Task<Ok<Privacy>> SetPrivacyAsync(PrivacyRequest body, HttpContext http, UserService users) =>
        TypedResults.Ok(await users.SetPrivacyAsync(http.Caller(), new Privacy(body.WhoCanMessage, body.WhoCanFind)));

    private static async Task<Ok<IReadOnlyList<UserView>>> SearchAsync(string? q, int? limit, bool? guests, HttpContext http, UserService users, PresenceTracker presence) =>
        TypedResults.Ok(Views(await users.SearchAsync(http.Caller(), q, limit, guests ?? false), presence));

    private static async Task<Ok<UserView>> GetAsync(long userId, UserService users, PresenceTracker presence) =>
        TypedResults.Ok(View(await users.GetAsync(userId), presence));

    private static async Task<Ok<IReadOnlyList<UserView>>> ContactsAsync(HttpContext http, UserService users, PresenceTracker presence) =>
        TypedResults.Ok(Views(await users.ContactsAsync(http.Caller()), presence));

    private static async Task<NoContent> AddContactAsync(long userId, HttpContext http, UserService users)
    {
        await users.AddContactAsync(http.Caller(), userId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveContactAsync(long userId, HttpContext http, UserService users)
    {
        await users.RemoveContactAsync(http.Caller(), userId);
        return TypedResults.NoContent();
    }

    private static UserView View(User user, PresenceTracker presence) => UserView.Of(user, presence.IsOnline(user.Id));

    private static IReadOnlyList<UserView> Views(IReadOnlyList<User> users, PresenceTracker presence) =>
        [.. users.Select(u => View(u, presence))];
}
