using Hallway.Core.Common;

namespace Hallway.Core.Accounts;

/// <summary>Sign-in by password: one step for the gateways, the first of two for two-factor accounts.</summary>
public sealed partial class AccountService
{
    /// <summary>
    /// Sign-in with one step, for the compatibility gateways: an account with two-factor sign-in is
    /// refused (after its password proved right, so the refusal tells a stranger nothing) with
    /// <c>two_factor_unsupported</c>, the one place every gateway gets that rule from.
    /// </summary>
    public async Task<SignedIn> LoginAsync(string? username, string? password, ClientInfo client) =>
        (await SignInAsync(username, password, client, secondStep: false)).SignedIn!;

    /// <summary>
    /// Sign-in for clients that can ask for a second factor: either a session, or (for an account
    /// with two-factor sign-in) a challenge for <see cref="CompleteLoginAsync"/>.
    /// </summary>
    public Task<LoginStep> BeginLoginAsync(string? username, string? password, ClientInfo client) =>
        SignInAsync(username, password, client, secondStep: true);

    private async Task<LoginStep> SignInAsync(string? username, string? password, ClientInfo client, bool secondStep)
    {
        var (user, check) = await CheckPasswordAsync(username, password, client);
        var key = UsernameRules.Key(username!);
        var rehash = check == PasswordCheck.SuccessRehashNeeded ? hasher.Hash(password!) : null;
        var twoFactor = await store.ReadAsync(r => r.GetTwoFactor(user.Id));
        if (twoFactor is { Enabled: true })
        {
            // The name's failure count is not cleared: the password alone does not sign in, and
            // clearing it would give a guesser of codes a fresh count with every right password.
            if (rehash is not null)
            {
                await store.WriteAsync(tx =>
                {
                    tx.UpdatePasswordHash(user.Id, rehash);
                    return 0;
                });
            }

            if (!secondStep)
            {
                throw Errors.TwoFactorUnsupported();
            }

            var (token, expiresAt) = challenges.Create(user.Id, key);
            return new LoginStep(null, token, expiresAt);
        }

        throttle.Succeeded(key);
        var signedIn = await store.WriteAsync(tx =>
        {
            if (rehash is not null)
            {
                tx.UpdatePasswordHash(user.Id, rehash);
            }

            return StartSession(tx, user.Id, client);
        });
        return new LoginStep(signedIn, null, null);
    }

    /// <summary>
    /// Checks a password against the lockout and the hash; throws bad_credentials, sign_in_locked
    /// or account_disabled. A wrong password counts against the name and the address.
    /// </summary>
    private async Task<(User User, PasswordCheck Check)> CheckPasswordAsync(string? username, string? password, ClientInfo client)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) || password.Length > UsernameRules.MaxPasswordLength)
        {
            throw Errors.BadCredentials();
        }

        // Locked names and addresses are refused before any hashing: guessing costs nothing more.
        var key = UsernameRules.Key(username);
        throttle.RequireOpen(key, client.Address);
        var user = await store.ReadAsync(r => r.GetUserByKey(key));
        var credentials = user is null ? null : await store.ReadAsync(r => r.GetCredentials(user.Id));
        if (user is null || credentials is null)
        {
            hasher.Verify(_dummyHash.Value, password);
            throttle.Failed(key, client.Address);
            throw Errors.BadCredentials();
        }

        var check = hasher.Verify(credentials.PasswordHash, password);
        if (check == PasswordCheck.Failed)
        {
            throttle.Failed(key, client.Address);
            throw Errors.BadCredentials();
        }

        if (credentials.Disabled)
        {
            throttle.Succeeded(key);
            throw Errors.AccountDisabled();
        }

        return (user, check);
    }
}
