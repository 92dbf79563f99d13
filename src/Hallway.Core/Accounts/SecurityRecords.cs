namespace Hallway.Core.Accounts;

/// <summary>
/// A user's TOTP secret. Pending (not <see cref="Enabled"/>) between set-up and the first code
/// that confirms it; <see cref="LastStep"/> is the newest time step a code was accepted for, so
/// no code works twice. Never leaves the server after set-up.
/// </summary>
public sealed record TwoFactorSecret(long UserId, byte[] Secret, bool Enabled, long LastStep);

/// <summary>An invite as admins see it (the code itself is only shown once, when made).</summary>
public sealed record Invite(
    long Id,
    UserRole Role,
    int MaxUses,
    int UsedCount,
    long? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt);

public sealed record NewInvite(byte[] CodeHash, UserRole Role, int MaxUses, long CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>A password reset link found by its token: whose, and until when it works.</summary>
public sealed record PasswordReset(long UserId, DateTimeOffset ExpiresAt);

/// <summary>What <c>GET /api/account/security</c> tells the owner.</summary>
public sealed record SecurityStatus(bool TwoFactorEnabled, int RecoveryCodesLeft);
