using Hallway.Core.Common;

namespace Hallway.Core.Accounts;

/// <summary>
/// Guests: the identities the text gateway gives <c>login &lt;name&gt;</c>, as async_chat did. A guest
/// is a user row without a password (nothing but the gateway can sign it in), in the Lobby, never an
/// admin, and not counted as the server's first account. The next guest of the same name, once the
/// last one left, takes the row back with its history.
/// </summary>
public sealed partial class AccountService
{
    /// <summary>
    /// Signs a guest in with a new session. Refused with username_taken when the name is an
    /// account's (ignoring case), and with account_disabled when an admin disabled that guest.
    /// The caller checks the name (<see cref="GuestNames"/>) and that no guest of that name is online.
    /// </summary>
    public Task<SignedIn> SignInGuestAsync(string name, ClientInfo client) =>
        store.WriteAsync(tx =>
        {
            if (tx.GetUserByKey(UsernameRules.Key(name)) is not null)
            {
                throw Errors.UsernameTaken();
            }

            long id;
            if (tx.GetUserByKey(GuestNames.Key(name)) is { } guest)
            {
                if (tx.GetCredentials(guest.Id) is { Disabled: true })
                {
                    throw Errors.AccountDisabled();
                }

                id = guest.Id;
            }
            else
            {
                id = tx.InsertUser(new NewUser(name, GuestNames.Key(name), name, string.Empty, UserRole.Student, tx.Now, IsGuest: true))
                    ?? throw Errors.UsernameTaken();
                JoinLobby(tx, id, isAdmin: false);
            }

            return StartSession(tx, id, client);
        });
}
