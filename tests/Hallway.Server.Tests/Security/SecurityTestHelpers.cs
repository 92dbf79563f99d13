using System.Net;
using Hallway.Core.Security;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Security;

/// <summary>Shared steps of the account security tests: registering with a body of one's own, TOTP codes, two-factor set-up.</summary>
internal static class SecurityTestHelpers
{
    public static async Task<ApiResponse> RegisterAsync(this TestServer server, string username, string? inviteCode, string password = ApiTestHelpers.Password)
    {
        using var anonymous = server.Anonymous();
        return await anonymous.PostAsync("/api/auth/register", new { username, password, inviteCode });
    }

    public static async Task<ApiResponse> LoginAsync(this TestServer server, string username, string password = ApiTestHelpers.Password)
    {
        using var anonymous = server.Anonymous();
        return await anonymous.PostAsync("/api/auth/login", new { username, password });
    }

    /// <summary>The code an authenticator app would show now for this secret (the server's clock).</summary>
    public static string Code(byte[] secret, TimeProvider clock) => Totp.Code(secret, clock.GetUtcNow());

    /// <summary>Sets up and enables two-factor sign-in; returns the secret and the recovery codes.</summary>
    public static async Task<(byte[] Secret, string[] RecoveryCodes)> EnableTwoFactorAsync(this TestUser user, TimeProvider clock)
    {
        var setup = await user.Api.PostAsync("/api/account/2fa/setup", new { password = user.Password });
        setup.AssertStatus(HttpStatusCode.OK);
        var secret = Base32.Decode(setup.Json.Str("secret"))!;
        var enabled = await user.Api.PostAsync("/api/account/2fa/enable", new { code = Code(secret, clock) });
        enabled.AssertStatus(HttpStatusCode.OK);
        return (secret, [.. enabled["recoveryCodes"].Items().Select(c => c.GetString()!)]);
    }

    /// <summary>Password step of a two-factor sign-in: the challenge.</summary>
    public static async Task<string> ChallengeAsync(this TestServer server, TestUser user)
    {
        var login = await server.LoginAsync(user.Username, user.Password);
        login.AssertStatus(HttpStatusCode.OK);
        Assert.True(login.Json.GetProperty("twoFactorRequired").GetBoolean(), login.Text);
        return login.Json.Str("challenge");
    }

    public static async Task<ApiResponse> SecondStepAsync(this TestServer server, string challenge, string? code = null, string? recoveryCode = null)
    {
        using var anonymous = server.Anonymous();
        return await anonymous.PostAsync("/api/auth/login/2fa", new { challenge, code, recoveryCode });
    }

    public static async Task<int> SessionCountAsync(this TestUser user)
    {
        var sessions = await user.Api.GetAsync("/api/sessions");
        sessions.AssertStatus(HttpStatusCode.OK);
        return sessions.Json.GetArrayLength();
    }
}
