using System.Security.Claims;
using System.Text.Encodings.Web;
using Hallway.Core.Accounts;
using Hallway.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Auth;

/// <summary>
/// Authenticates by an opaque session token: the <c>hallway_session</c> cookie (web client) or an
/// <c>Authorization: Bearer</c> header (everything else). The resolved <see cref="Caller"/> is kept
/// on the request for handlers.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountService accounts,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HallwaySession";
    public const string CookieName = "hallway_session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenOf(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await accounts.AuthenticateAsync(token, time.GetUtcNow());
        if (caller is null)
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked session.");
        }

        Context.Items[typeof(Caller)] = caller;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, caller.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, Core.Common.Errors.Unauthorized());

    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
    }
}

public static class CallerExtensions
{
    /// <summary>The signed-in caller; only on endpoints that require authorization.</summary>
    public static Caller Caller(this HttpContext http) =>
        http.Items[typeof(Caller)] as Caller ?? throw Core.Common.Errors.Unauthorized();
}
