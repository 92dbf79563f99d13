using Hallway.Core.Common;
using Hallway.Core.Security;

namespace Hallway.Core.Accounts;

/// <summary>
/// Recovery codes: ten single-use codes, shown once and stored hashed, that recover a forgotten
/// password without e-mail (a school LAN has none) and stand in for the authenticator at sign-in.
/// </summary>
public sealed partial class AccountService
{
    public const int RecoveryCodeCount = 10;

    /// <summary>Makes ten new codes, replacing every earlier one (used or not).</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(Caller caller, string? password, ClientInfo client)
    {
        await RequirePasswordAsync(caller, password, client);
        var (codes, hashes) = NewRecoveryCodes(caller.Id);
        await store.WriteAsync(tx =>
        {
            tx.ReplaceRecoveryCodes(caller.Id, hashes);
            return 0;
        });
        return codes;
    }

    public Task<SecurityStatus> GetSecurityAsync(Caller caller) =>
        store.ReadAsync(r => new SecurityStatus(r.GetTwoFactor(caller.Id) is { Enabled: true }, r.CountRecoveryCodes(caller.Id)));

    /// <summary>
    /// Sets a new password with a recovery code (using it up), signs out every session and signs in
    /// anew. A wrong code, or an unknown name (the same answer), counts as a failed sign-in.
    /// Two-factor sign-in stays as it was: the code was the second factor.
    /// </summary>
    public async Task<SignedIn> RecoverAsync(string? username, string? code, string? newPassword, ClientInfo client)
    {
        UsernameRules.ValidatePassword(newPassword);
        var key = UsernameRules.Key(username ?? string.Empty);
        throttle.RequireOpen(key, client.Address);

        // Hashed before the name is looked up, so the time taken does not tell known names from unknown.
        var hash = hasher.Hash(newPassword!);
        var signedIn = await store.WriteAsync(tx =>
        {
            if (tx.GetUserByKey(key) is not { IsGuest: false } user
                || SecretCodes.RecoveryHash(user.Id, code) is not { } codeHash
                || !tx.UseRecoveryCode(user.Id, codeHash))
            {
                return null;
            }

            // Thrown after the code proved right, and rolling its use back with the savepoint.
            if (tx.GetCredentials(user.Id) is { Disabled: true })
            {
                throw Errors.AccountDisabled();
            }

            tx.UpdatePasswordHash(user.Id, hash);
            RevokeInTx(tx, user.Id, tx.OtherSessions(user.Id, keepSessionId: 0));
            return StartSession(tx, user.Id, client);
        });
        if (signedIn is null)
        {
            throttle.Failed(key, client.Address);
            throw Errors.BadCode();
        }

        throttle.Succeeded(key);
        return signedIn;
    }

    private static (IReadOnlyList<string> Codes, IReadOnlyList<byte[]> Hashes) NewRecoveryCodes(long userId)
    {
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => SecretCodes.NewRecoveryCode()).ToArray();
        return (codes, [.. codes.Select(c => SecretCodes.RecoveryHash(userId, c)!)]);
    }
}
