using Hallway.Core.Accounts;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>The signed-in user's own security: recovery codes and TOTP two-factor sign-in.</summary>
public static class AccountSecurityApi
{
    public static void MapAccountSecurityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account").WithTags("Accounts").RequireAuthorization();
        api.MapGet("/security", async (HttpContext http, AccountService accounts) =>
            TypedResults.Ok(await accounts.GetSecurityAsync(http.Caller())));
        api.MapPost("/recovery-codes", NewRecoveryCodesAsync);
        api.MapPost("/2fa/setup", SetUpAsync);
        api.MapPost("/2fa/enable", EnableAsync);
        api.MapPost("/2fa/disable", DisableAsync);
    }

    private static async Task<Ok<RecoveryCodesResponse>> NewRecoveryCodesAsync(PasswordRequest body, HttpContext http, AccountService accounts) =>
        TypedResults.Ok(new RecoveryCodesResponse(await accounts.NewRecoveryCodesAsync(http.Caller(), body.Password, AuthApi.Client(http))));

    private static async Task<Ok<TwoFactorSetupResponse>> SetUpAsync(PasswordRequest body, HttpContext http, AccountService accounts)
    {
        var setup = await accounts.SetUpTwoFactorAsync(http.Caller(), body.Password, AuthApi.Client(http));
        return TypedResults.Ok(new TwoFactorSetupResponse(setup.Secret, setup.OtpauthUri, QrCodes.Svg(setup.OtpauthUri)));
    }

    private static async Task<Ok<RecoveryCodesResponse>> EnableAsync(CodeRequest body, HttpContext http, AccountService accounts) =>
        TypedResults.Ok(new RecoveryCodesResponse(await accounts.EnableTwoFactorAsync(http.Caller(), body.Code)));

    private static async Task<NoContent> DisableAsync(DisableTwoFactorRequest body, HttpContext http, AccountService accounts)
    {
        await accounts.DisableTwoFactorAsync(http.Caller(), body.Password, body.Code, AuthApi.Client(http));
        return TypedResults.NoContent();
    }
}
