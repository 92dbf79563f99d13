using Hallway.Core.Accounts;

namespace Hallway.Server.Api;

// Bodies of the account security endpoints (docs/PROTOCOL.md §4.1 and §4.8): two-step
// sign-in, recovery codes, reset links, TOTP, registration and invites.

/// <summary>The answer to a right password when the account has two-factor sign-in: no session yet.</summary>
public sealed record TwoFactorChallengeResponse(bool TwoFactorRequired, string Challenge, DateTimeOffset ExpiresAt);

public sealed record LoginTwoFactorRequest(string Challenge, string? Code = null, string? RecoveryCode = null);

public sealed record RecoverRequest(string Username, string Code, string NewPassword);

public sealed record ResetInfoResponse(string Username, DateTimeOffset ExpiresAt);

public sealed record ResetRequest(string Token, string NewPassword);

public sealed record RegistrationSetting(RegistrationMode Mode);

public sealed record PasswordRequest(string Password);

public sealed record CodeRequest(string Code);

public sealed record DisableTwoFactorRequest(string Password, string Code);

public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

public sealed record TwoFactorSetupResponse(string Secret, string OtpauthUri, string QrSvg);

public sealed record CreateUserRequest(string Username, string Password, string? DisplayName = null, UserRole Role = UserRole.Student);

public sealed record ResetLinkResponse(long UserId, string Url, string AbsoluteUrl, string Token, DateTimeOffset ExpiresAt, string QrSvg);

public sealed record CreateInviteRequest(int MaxUses, int ExpiresInHours, UserRole Role = UserRole.Student);

/// <summary>An invite with its state now: <c>active</c>, <c>expired</c>, <c>used_up</c> or <c>revoked</c>.</summary>
public sealed record InviteView(
    long Id,
    UserRole Role,
    int MaxUses,
    int UsedCount,
    long? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string Status)
{
    public static InviteView Of(Invite i, DateTimeOffset now) =>
        new(i.Id, i.Role, i.MaxUses, i.UsedCount, i.CreatedBy, i.CreatedAt, i.ExpiresAt, i.RevokedAt, i switch
        {
            { RevokedAt: not null } => "revoked",
            _ when i.UsedCount >= i.MaxUses => "used_up",
            _ when i.ExpiresAt <= now => "expired",
            _ => "active",
        });
}

public sealed record CreatedInviteResponse(string Code, InviteView Invite);
