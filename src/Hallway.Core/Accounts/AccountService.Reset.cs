using Hallway.Core.Admin;
using Hallway.Core.Common;

namespace Hallway.Core.Accounts;

/// <summary>A reset link's secret part, shown once to the admin who asked for it.</summary>
public sealed record ResetLink(User User, string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Password reset links an admin hands to someone who forgot their password (on paper or as a QR
/// code: there is no e-mail). The token is a session-strength random value stored as its SHA-256;
/// one live link a user, single use, expiring after <see cref="HallwayLimits.ResetLinkLifetime"/>.
/// </summary>
public sealed partial class AccountService
{
    /// <summary>Makes a link for the user, invalidating any older one.</summary>
    public Task<ResetLink> CreateResetLinkAsync(Caller admin, long userId)
    {
        AdminService.RequireAdmin(admin);
        var token = SessionTokens.Create();
        return store.WriteAsync(tx =>
        {
            var user = tx.GetUser(userId) ?? throw Errors.UserNotFound();
            if (user.IsGuest)
            {
                throw Errors.BadRequest("A guest of the text gateway has no password to reset.");
            }

            var expires = tx.Now + limits.ResetLinkLifetime;
            tx.SetPasswordReset(userId, SessionTokens.Hash(token), admin.Id, expires);
            Audit.Write(tx, admin, AuditActions.UserResetLink, AuditTargets.User, userId, ("username", user.Username));
            return new ResetLink(user, token, expires);
        });
    }

    /// <summary>Whose link it is, for the page that asks for the new password; reset_invalid when it cannot be used.</summary>
    public async Task<(User User, DateTimeOffset ExpiresAt)> GetResetLinkAsync(string? token, DateTimeOffset now)
    {
        if (!IsTokenShaped(token))
        {
            throw Errors.ResetInvalid();
        }

        var reset = await store.ReadAsync(r => r.FindPasswordReset(SessionTokens.Hash(token!)));
        var user = reset is not null && reset.ExpiresAt > now ? await store.ReadAsync(r => r.GetUser(reset.UserId)) : null;
        return user is null ? throw Errors.ResetInvalid() : (user, reset!.ExpiresAt);
    }

    /// <summary>
    /// Sets the new password, uses the link up and signs out every session of the user. It does not
    /// sign in, and two-factor sign-in stays on: a link that leaked (a photographed QR code) must not
    /// be enough to take an account whose owner turned the second factor on.
    /// </summary>
    public async Task ResetPasswordAsync(string? token, string? newPassword)
    {
        UsernameRules.ValidatePassword(newPassword);
        if (!IsTokenShaped(token))
        {
            throw Errors.ResetInvalid();
        }

        var hash = hasher.Hash(newPassword!);
        var user = await store.WriteAsync(tx =>
        {
            var userId = tx.UsePasswordReset(SessionTokens.Hash(token!)) ?? throw Errors.ResetInvalid();
            tx.UpdatePasswordHash(userId, hash);
            RevokeInTx(tx, userId, tx.OtherSessions(userId, keepSessionId: 0));
            return tx.GetUser(userId)!;
        });

        // The owner may have locked their own name trying old passwords; the new one should work now.
        throttle.Succeeded(UsernameRules.Key(user.Username));
    }

    private static bool IsTokenShaped(string? token) => !string.IsNullOrEmpty(token) && token.Length <= 128;
}
