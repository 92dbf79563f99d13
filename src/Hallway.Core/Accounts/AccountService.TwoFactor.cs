using Hallway.Core.Common;
using Hallway.Core.Security;
using Hallway.Core.Storage;

namespace Hallway.Core.Accounts;

/// <summary>The secret an authenticator app is given at set-up, shown once.</summary>
public sealed record TwoFactorSetup(string Secret, string OtpauthUri);

/// <summary>
/// TOTP two-factor sign-in (RFC 6238: 30-second steps, six digits, HMAC-SHA1, one step of drift
/// either way) and its sign-in step. A code is accepted once: the step it matched is remembered,
/// checked and raised in one write transaction, so two requests with the same code cannot both pass.
/// </summary>
public sealed partial class AccountService
{
    /// <summary>The issuer authenticator apps show beside the account name.</summary>
    public const string TotpIssuer = "Hallway";

    /// <summary>Makes a new secret, pending until <see cref="EnableTwoFactorAsync"/> confirms a code of it.</summary>
    public async Task<TwoFactorSetup> SetUpTwoFactorAsync(Caller caller, string? password, ClientInfo client)
    {
        await RequirePasswordAsync(caller, password, client);
        var secret = Totp.NewSecret();
        await store.WriteAsync(tx =>
        {
            if (tx.GetTwoFactor(caller.Id) is { Enabled: true })
            {
                throw Errors.TwoFactorAlreadyEnabled();
            }

            tx.SetTwoFactorPending(caller.Id, secret);
            return 0;
        });
        return new TwoFactorSetup(Base32.Encode(secret, padding: false), Totp.ProvisioningUri(TotpIssuer, caller.User.Username, secret));
    }

    /// <summary>Turns two-factor sign-in on with a first code; answers a fresh set of recovery codes.</summary>
    public async Task<IReadOnlyList<string>> EnableTwoFactorAsync(Caller caller, string? code)
    {
        var (codes, hashes) = NewRecoveryCodes(caller.Id);
        return await store.WriteAsync(tx =>
        {
            var secret = tx.GetTwoFactor(caller.Id) ?? throw Errors.TwoFactorNotSetUp();
            if (secret.Enabled)
            {
                throw Errors.TwoFactorAlreadyEnabled();
            }

            var step = Totp.Verify(secret.Secret, code, tx.Now, secret.LastStep) ?? throw Errors.WrongCode();
            tx.EnableTwoFactor(caller.Id, step);
            tx.ReplaceRecoveryCodes(caller.Id, hashes);
            return codes;
        });
    }

    /// <summary>
    /// Turns it off with the password and a code (an authenticator code or a recovery code, for
    /// someone whose phone is gone). Recovery codes stay: they also recover a forgotten password.
    /// </summary>
    public async Task DisableTwoFactorAsync(Caller caller, string? password, string? code, ClientInfo client)
    {
        await RequirePasswordAsync(caller, password, client);
        var done = await store.WriteAsync(tx =>
        {
            var secret = tx.GetTwoFactor(caller.Id);
            if (secret is not { Enabled: true })
            {
                throw Errors.TwoFactorNotEnabled();
            }

            if (!UseSecondFactor(tx, secret, code, SecretCodes.LooksLikeRecoveryCode(code) ? code : null))
            {
                return false;
            }

            tx.DeleteTwoFactor(caller.Id);
            return true;
        });
        if (!done)
        {
            throttle.Failed(UsernameRules.Key(caller.User.Username), client.Address);
            throw Errors.WrongCode();
        }
    }

    /// <summary>
    /// The second step of <see cref="BeginLoginAsync"/>: an authenticator <paramref name="code"/> or
    /// a <paramref name="recoveryCode"/> (exactly one). A wrong one counts as a failed sign-in of the
    /// name and the address, like a wrong password, and the challenge may be tried again a few times.
    /// </summary>
    public async Task<SignedIn> CompleteLoginAsync(string? challenge, string? code, string? recoveryCode, ClientInfo client)
    {
        if ((code is null) == (recoveryCode is null))
        {
            throw Errors.BadRequest("Send either code or recoveryCode.");
        }

        var pending = challenges.Take(challenge) ?? throw Errors.ChallengeInvalid();
        try
        {
            throttle.RequireOpen(pending.AccountKey, client.Address);
        }
        catch (HallwayException)
        {
            challenges.Return(challenge!, pending, countAttempt: false);
            throw;
        }

        var signedIn = await store.WriteAsync(tx =>
        {
            if (tx.GetCredentials(pending.UserId) is not { } credentials || tx.GetTwoFactor(pending.UserId) is not { Enabled: true } secret)
            {
                return null;
            }

            if (credentials.Disabled)
            {
                throw Errors.AccountDisabled();
            }

            return UseSecondFactor(tx, secret, code, recoveryCode) ? StartSession(tx, pending.UserId, client) : null;
        });
        if (signedIn is null)
        {
            throttle.Failed(pending.AccountKey, client.Address);
            challenges.Return(challenge!, pending, countAttempt: true);
            throw Errors.BadCode();
        }

        throttle.Succeeded(pending.AccountKey);
        return signedIn;
    }

    /// <summary>Uses a recovery code when one is given, else checks and spends the TOTP code's step.</summary>
    private static bool UseSecondFactor(IWriteTx tx, TwoFactorSecret secret, string? code, string? recoveryCode)
    {
        if (recoveryCode is not null)
        {
            return SecretCodes.RecoveryHash(secret.UserId, recoveryCode) is { } hash && tx.UseRecoveryCode(secret.UserId, hash);
        }

        return Totp.Verify(secret.Secret, code, tx.Now, secret.LastStep) is { } step && tx.UseTwoFactorStep(secret.UserId, step);
    }

    /// <summary>
    /// The password of the signed-in caller, for changes a stolen session alone must not make.
    /// Guarded by the sign-in lockout like sign-in itself, so a session cannot be used to guess it.
    /// </summary>
    private async Task RequirePasswordAsync(Caller caller, string? password, ClientInfo client)
    {
        var key = UsernameRules.Key(caller.User.Username);
        throttle.RequireOpen(key, client.Address);
        var credentials = await store.ReadAsync(r => r.GetCredentials(caller.Id)) ?? throw Errors.Unauthorized();
        if (string.IsNullOrEmpty(password) || password.Length > UsernameRules.MaxPasswordLength
            || hasher.Verify(credentials.PasswordHash, password) == PasswordCheck.Failed)
        {
            throttle.Failed(key, client.Address);
            throw Errors.WrongPassword();
        }
    }
}
