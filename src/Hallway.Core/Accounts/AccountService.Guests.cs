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
    /// A new guest (a name never used, or reclaimed) is refused with guests_full at
    /// <see cref="GuestQuota.MaxGuests"/> guests, and with guest_rate_limited when
    /// <see cref="GuestQuota.TakeNew"/> (the caller's per-address budget) says no; nothing is created.
    /// </summary>
    public Task<SignedIn> SignInGuestAsync(string name, ClientInfo client, GuestQuota? quota = null) =>
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
                // Only a new guest costs: a name used before comes back whatever the limits. The
                // total is checked first, so a full server takes nothing from the address's budget.
                if (quota is not null && tx.CountGuests() >= quota.MaxGuests)
                {
                    throw Errors.GuestsFull();
                }

                if (quota is not null && !quota.TakeNew())
                {
                    throw Errors.GuestsRateLimited();
                }

                id = tx.InsertUser(new NewUser(name, GuestNames.Key(name), name, string.Empty, UserRole.Student, tx.Now, IsGuest: true))
                    ?? throw Errors.UsernameTaken();
                JoinLobby(tx, id, isAdmin: false);
            }

            return StartSession(tx, id, client);
        });
}

/// <summary>
/// Limits on making new guests: at most <paramref name="MaxGuests"/> not removed, and
/// <paramref name="TakeNew"/> (run on the writer, so it must not block) spends one from the
/// caller's budget, false when it is empty.
/// </summary>
public sealed record GuestQuota(long MaxGuests, Func<bool> TakeNew);
