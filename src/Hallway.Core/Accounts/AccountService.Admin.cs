using Hallway.Core.Admin;
using Hallway.Core.Common;

namespace Hallway.Core.Accounts;

/// <summary>Accounts an admin makes for someone: the admin panel and the command-line tool.</summary>
public sealed partial class AccountService
{
    /// <summary>
    /// Creates an account with the given role, in the Lobby, without signing it in. The
    /// registration mode does not apply: closing self-registration is how a school makes admins
    /// the only way in.
    /// </summary>
    public async Task<User> CreateAccountAsync(Caller admin, string? username, string? displayName, string? password, UserRole role)
    {
        AdminService.RequireAdmin(admin);
        var name = UsernameRules.Validate(username);
        UsernameRules.ValidatePassword(password);
        var display = DisplayNameOr(displayName, name);
        if (!Enum.IsDefined(role))
        {
            throw Errors.BadRequest("Unknown role.");
        }

        var hash = hasher.Hash(password!);
        return await store.WriteAsync(tx =>
        {
            var id = tx.InsertUser(new NewUser(name, UsernameRules.Key(name), display, hash, role, tx.Now))
                ?? throw Errors.UsernameTaken();
            JoinLobby(tx, id, isAdmin: role == UserRole.Admin);
            Audit.Write(tx, admin, AuditActions.UserCreated, AuditTargets.User, id, ("username", name), ("role", Names.Of(role)));
            return tx.GetUser(id)!;
        });
    }
}
