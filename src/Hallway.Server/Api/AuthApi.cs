using Hallway.Core.Accounts;
using Hallway.Core.Presence;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Register, sign in (with its second step) and out, sessions, password, recovery and reset links.</summary>
public static class AuthApi
{
    public const string AuthLimiter = "auth";

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/auth").WithTags("Accounts").RequireRateLimiting(AuthLimiter);
        open.MapPost("/register", RegisterAsync);
        open.MapPost("/login", LoginAsync);
        open.MapPost("/login/2fa", LoginTwoFactorAsync);
        open.MapPost("/recover", RecoverAsync);
        open.MapGet("/reset/{token}", GetResetAsync);
        open.MapPost("/reset", ResetAsync);
        open.MapGet("/registration", async (AccountService accounts) => TypedResults.Ok(new RegistrationSetting(await accounts.GetRegistrationModeAsync())));

        // Open, and outside the auth limit: every page load asks it, signed in or not.
        app.MapGet("/api/session", GetSessionAsync).WithTags("Accounts");

        var api = app.MapGroup("/api").WithTags("Accounts").RequireAuthorization();
        api.MapPost("/auth/logout", LogoutAsync);
        api.MapGet("/sessions", ListSessionsAsync);
        api.MapDelete("/sessions/{sessionId:long}", RevokeSessionAsync);
        api.MapPost("/account/password", ChangePasswordAsync);
    }

    /// <summary>
    /// "Who am I, if anyone": 200 either way, so a signed-out page load logs no failed request.
    /// A token that no longer works (expired, revoked, signed out elsewhere) is no one, and its
    /// cookie is cleared.
    /// </summary>
    private static async Task<Ok<SessionResponse>> GetSessionAsync(HttpContext http, UserService users, PresenceTracker presence)
    {
        if (http.Items[typeof(Caller)] is not Caller caller)
        {
            if (http.Request.Cookies.ContainsKey(SessionAuthenticationHandler.CookieName))
            {
                http.Response.Cookies.Delete(SessionAuthenticationHandler.CookieName);
            }

            return TypedResults.Ok(new SessionResponse(null));
        }

        var user = await users.GetAsync(caller.Id);
        return TypedResults.Ok(new SessionResponse(UserView.Of(user, presence.IsOnline(user.Id))));
    }

    private static async Task<Created<AuthResponse>> RegisterAsync(RegisterRequest body, HttpContext http, AccountService accounts, PresenceTracker presence)
    {
        var signedIn = await accounts.RegisterAsync(body.Username, body.DisplayName, body.Password, Client(http), body.InviteCode);
        SetCookie(http, signedIn);
        return TypedResults.Created($"/api/users/{signedIn.User.Id}", Response(signedIn, presence));
    }

    /// <summary>A session, or for an account with two-factor sign-in a challenge (no session, no cookie).</summary>
    private static async Task<Results<Ok<AuthResponse>, Ok<TwoFactorChallengeResponse>>> LoginAsync(LoginRequest body, HttpContext http, AccountService accounts, PresenceTracker presence)
    {
        var step = await accounts.BeginLoginAsync(body.Username, body.Password, Client(http));
        if (step.SignedIn is not { } signedIn)
        {
            return TypedResults.Ok(new TwoFactorChallengeResponse(true, step.Challenge!, step.ChallengeExpiresAt!.Value));
        }

        SetCookie(http, signedIn);
        return TypedResults.Ok(Response(signedIn, presence));
    }

    private static async Task<Ok<AuthResponse>> LoginTwoFactorAsync(LoginTwoFactorRequest body, HttpContext http, AccountService accounts, PresenceTracker presence)
    {
        var signedIn = await accounts.CompleteLoginAsync(body.Challenge, body.Code, body.RecoveryCode, Client(http));
        SetCookie(http, signedIn);
        return TypedResults.Ok(Response(signedIn, presence));
    }

    private static async Task<Ok<AuthResponse>> RecoverAsync(RecoverRequest body, HttpContext http, AccountService accounts, PresenceTracker presence)
    {
        var signedIn = await accounts.RecoverAsync(body.Username, body.Code, body.NewPassword, Client(http));
        SetCookie(http, signedIn);
        return TypedResults.Ok(Response(signedIn, presence));
    }

    private static async Task<Ok<ResetInfoResponse>> GetResetAsync(string token, AccountService accounts, TimeProvider time)
    {
        var (user, expiresAt) = await accounts.GetResetLinkAsync(token, time.GetUtcNow());
        return TypedResults.Ok(new ResetInfoResponse(user.Username, expiresAt));
    }

    private static async Task<NoContent> ResetAsync(ResetRequest body, AccountService accounts)
    {
        await accounts.ResetPasswordAsync(body.Token, body.NewPassword);
        return TypedResults.NoContent();
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

    internal static AuthResponse Response(SignedIn s, PresenceTracker presence) =>
        new(UserView.Of(s.User, presence.IsOnline(s.User.Id)), s.Token, s.ExpiresAt);

    internal static ClientInfo Client(HttpContext http) =>
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
