using Hallway.Core.Common;
using Hallway.Core.Security;
using Hallway.Core.Storage;

namespace Hallway.Core.Accounts;

/// <summary>Self-registration under the server's registration mode (open, invite, closed).</summary>
public sealed partial class AccountService
{
    /// <summary>
    /// Self-registration, as the server's registration mode allows: <c>closed</c> refuses, <c>invite</c>
    /// needs a live <paramref name="inviteCode"/>; a code sent in <c>open</c> mode is checked and used
    /// too (it may give a role). The first account of an empty server registers whatever the mode
    /// and becomes admin: a fresh server must be able to get its admin.
    /// </summary>
    public async Task<SignedIn> RegisterAsync(string? username, string? displayName, string? password, ClientInfo client, string? inviteCode = null)
    {
        var name = UsernameRules.Validate(username);
        UsernameRules.ValidatePassword(password);
        var display = DisplayNameOr(displayName, name);
        var invite = string.IsNullOrWhiteSpace(inviteCode) ? null : new TypedInvite(SecretCodes.InviteHash(inviteCode));

        // Checked before the slow hash too, so a closed server spends nothing on refusals.
        await store.ReadAsync(r => RequireMayRegister(r, invite));
        var hash = hasher.Hash(password!); // hashed off the writer: PBKDF2 is deliberately slow

        return await store.WriteAsync(tx =>
        {
            var isFirst = RequireMayRegister(tx, invite);
            var role = UserRole.Student;
            if (isFirst)
            {
                role = UserRole.Admin;
            }
            else if (invite is not null)
            {
                // Counted before the insert, in the same savepoint: a taken name rolls the use back,
                // and two registrations racing for the last use cannot both get it.
                role = tx.UseInvite(invite.Hash!) ?? throw Errors.InviteInvalid();
            }

            var id = tx.InsertUser(new NewUser(name, UsernameRules.Key(name), display, hash, role, tx.Now))
                ?? throw Errors.UsernameTaken();
            JoinLobby(tx, id, isFirst);
            return StartSession(tx, id, client);
        });
    }

    /// <returns>Whether this is the server's first account (exempt from the mode, and from any invite sent).</returns>
    private static bool RequireMayRegister(IReadTx r, TypedInvite? invite)
    {
        if (r.CountUsers() == 0)
        {
            return true;
        }

        var mode = ServerSettings.Registration(r);
        if (mode == RegistrationMode.Closed)
        {
            throw Errors.RegistrationClosed();
        }

        if (invite is null && mode == RegistrationMode.Invite)
        {
            throw Errors.InviteRequired();
        }

        // Text that cannot be a code is refused here, after the mode, so a closed server says so first.
        return invite is { Hash: null } ? throw Errors.InviteInvalid() : false;
    }

    /// <summary>An invite code sent at registration: its hash, or null when the text cannot be a code.</summary>
    private sealed record TypedInvite(byte[]? Hash);

    public Task<RegistrationMode> GetRegistrationModeAsync() => store.ReadAsync(ServerSettings.Registration);
}
