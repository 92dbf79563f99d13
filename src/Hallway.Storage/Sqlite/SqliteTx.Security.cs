using Hallway.Core.Accounts;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Sqlite;

/// <summary>Invites, recovery codes, password reset links and TOTP secrets (migration 0007).</summary>
internal sealed partial class SqliteTx
{
    private const string InviteColumns = "id, role, max_uses, used_count, created_by, created_at, expires_at, revoked_at";

    public TwoFactorSecret? GetTwoFactor(long userId) =>
        One(
            "SELECT user_id, secret, enabled, last_step FROM two_factor WHERE user_id = $1",
            r => new TwoFactorSecret(r.GetInt64(0), (byte[])r.GetValue(1), r.GetInt64(2) != 0, r.GetInt64(3)),
            userId);

    public int CountRecoveryCodes(long userId) =>
        (int)Scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1", userId);

    public IReadOnlyList<Invite> ListInvites(int limit) =>
        Many($"SELECT {InviteColumns} FROM invites ORDER BY id DESC LIMIT $1", ReadInvite, limit);

    public Invite? GetInvite(long inviteId) =>
        One($"SELECT {InviteColumns} FROM invites WHERE id = $1", ReadInvite, inviteId);

    public PasswordReset? FindPasswordReset(byte[] tokenHash) =>
        One(
            "SELECT user_id, expires_at FROM password_resets WHERE token_hash = $1",
            r => new PasswordReset(r.GetInt64(0), Time(r, 1)),
            tokenHash);

    public void SetTwoFactorPending(long userId, byte[] secret) =>
        Exec(
            """
            INSERT INTO two_factor (user_id, secret, enabled, last_step, created_at) VALUES ($1, $2, 0, 0, $3)
            ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, enabled = 0, last_step = 0, created_at = excluded.created_at
            """,
            userId,
            secret,
            Now);

    public void EnableTwoFactor(long userId, long usedStep) =>
        Exec("UPDATE two_factor SET enabled = 1, last_step = $2 WHERE user_id = $1", userId, usedStep);

    public bool UseTwoFactorStep(long userId, long step) =>
        Exec("UPDATE two_factor SET last_step = $2 WHERE user_id = $1 AND last_step < $2", userId, step) > 0;

    public bool DeleteTwoFactor(long userId) =>
        Exec("DELETE FROM two_factor WHERE user_id = $1", userId) > 0;

    public void ReplaceRecoveryCodes(long userId, IReadOnlyCollection<byte[]> codeHashes)
    {
        Exec("DELETE FROM recovery_codes WHERE user_id = $1", userId);
        foreach (var hash in codeHashes)
        {
            Exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)", userId, hash);
        }
    }

    public bool UseRecoveryCode(long userId, byte[] codeHash) =>
        Exec("DELETE FROM recovery_codes WHERE user_id = $1 AND code_hash = $2", userId, codeHash) > 0;

    public long InsertInvite(NewInvite invite) =>
        Scalar(
            """
            INSERT INTO invites (code_hash, role, max_uses, created_by, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """,
            invite.CodeHash,
            Names.Of(invite.Role),
            invite.MaxUses,
            invite.CreatedBy,
            invite.CreatedAt,
            invite.ExpiresAt);

    public UserRole? UseInvite(byte[] codeHash) =>
        One(
            """
            UPDATE invites SET used_count = used_count + 1
            WHERE code_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND used_count < max_uses
            RETURNING role
            """,
            r => r.GetString(0),
            codeHash,
            Now) is { } role ? Names.UserRole(role) : null;

    public bool RevokeInvite(long inviteId) =>
        Exec("UPDATE invites SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1", inviteId, Now) > 0;

    public int PurgeEndedInvitesAndResets(DateTimeOffset endedBefore, DateTimeOffset now) =>
        Exec(
            """
            DELETE FROM invites WHERE expires_at < $1 OR revoked_at < $1
                OR (used_count >= max_uses AND created_at < $1)
            """,
            endedBefore) +
        Exec("DELETE FROM password_resets WHERE expires_at <= $1", now);

    public void SetPasswordReset(long userId, byte[] tokenHash, long createdBy, DateTimeOffset expiresAt) =>
        Exec(
            """
            INSERT INTO password_resets (user_id, token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_by = excluded.created_by,
                created_at = excluded.created_at, expires_at = excluded.expires_at
            """,
            userId,
            tokenHash,
            createdBy,
            Now,
            expiresAt);

    public long? UsePasswordReset(byte[] tokenHash)
    {
        // An expired link is deleted too: it can never work again.
        var found = One(
            "DELETE FROM password_resets WHERE token_hash = $1 RETURNING user_id, expires_at",
            r => new PasswordReset(r.GetInt64(0), Time(r, 1)),
            tokenHash);
        return found is not null && found.ExpiresAt > Now ? found.UserId : null;
    }

    private static Invite ReadInvite(SqliteDataReader r) =>
        new(r.GetInt64(0), Names.UserRole(r.GetString(1)), r.GetInt32(2), r.GetInt32(3), LongOrNull(r, 4), Time(r, 5), Time(r, 6), TimeOrNull(r, 7));
}
