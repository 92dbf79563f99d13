using Hallway.Core.Accounts;
using Hallway.Core.Presence;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Register, sign in and out, sessions, password.</summary>
public static class AuthApi
{
    public const string AuthLimiter = "auth";

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/auth").WithTags("Accounts").RequireRateLimiting(AuthLimiter);
        open.MapPost("/register", RegisterAsync);
        open.MapPost("/login", LoginAsync);

        var api = app.MapGroup("/api").WithTags("Accounts").RequireAuthorization();
        api.MapPost("/auth/logout", LogoutAsync);
        api.MapGet("/sessions", ListSessionsAsync);
        api.MapDelete("/sessions/{sessionId:long}", RevokeSessionAsync);
        api.MapPost("/account/password", ChangePasswordAsync);
    }

    private static async Task<Created<AuthResponse>> RegisterAsync(RegisterRequest body, HttpContext http, AccountService accounts, PresenceTracker presence)
    {
        var signedIn = await accounts.RegisterAsync(body.Username, body.DisplayName, body.Password, Client(http));
        SetCookie(http, signedIn);
        return TypedResults.Created($"/api/users/{signedIn.User.Id}", Response(signedIn, presence));
    }

    private static async Task<Ok<AuthResponse>> LoginAsync(LoginRequest body, HttpContext http, AccountService accounts, PresenceTracker presence)
    {
        var signedIn = await accounts.LoginAsync(body.Username, body.Password, Client(http));
        SetCookie(http, signedIn);
        return TypedResults.Ok(Response(signedIn, presence));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, AccountService accounts)
    {
        await accounts.LogoutAsync(http.Caller());
        http.Response.Cookies.Delete(SessionAuthenticationHandler.CookieName);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<SessionView>>> ListSessionsAsync(HttpContext http, AccountService accounts)
    {
        var caller = http.Caller();
        var sessions = await accounts.ListSessionsAsync(caller);
        return TypedResults.Ok<IReadOnlyList<SessionView>>(
            [.. sessions.Select(s => new SessionView(s.Id, s.CreatedAt, s.LastUsedAt, s.ExpiresAt, s.UserAgent, s.Address, s.Id == caller.SessionId))]);
    }

    private static async Task<NoContent> RevokeSessionAsync(long sessionId, HttpContext http, AccountService accounts)
    {
        await accounts.RevokeSessionAsync(http.Caller(), sessionId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ChangePasswordAsync(ChangePasswordRequest body, HttpContext http, AccountService accounts)
    {
        await accounts.ChangePasswordAsync(http.Caller(), body.CurrentPassword, body.NewPassword);
        return TypedResults.NoContent();
    }

    private static AuthResponse Response(SignedIn s, PresenceTracker presence) =>
        new(UserView.Of(s.User, presence.IsOnline(s.User.Id)), s.Token, s.ExpiresAt);

    private static ClientInfo Client(HttpContext http) =>
        new(http.Request.Headers.UserAgent.ToString(), http.Connection.RemoteIpAddress?.ToString());

    /// <summary>The web client's cookie: HttpOnly (scripts cannot read it), SameSite=Strict (no CSRF).</summary>
    private static void SetCookie(HttpContext http, SignedIn s) =>
        http.Response.Cookies.Append(SessionAuthenticationHandler.CookieName, s.Token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            Expires = s.ExpiresAt,
        });
}
