using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Core.Storage;

namespace Hallway.Core.Admin;

/// <summary>
/// Admins manage people: list them (guests and disabled accounts too), disable and enable them,
/// set a new password, and remove an account. Making accounts is AccountService's (registration).
/// </summary>
public sealed class AdminUserService(IHallwayStore store, IPasswordHasher hasher)
{
    private static readonly CoreJsonContext J = CoreJsonContext.Default;

    /// <summary>The username every removed account shows: brackets make it no valid account name.</summary>
    public const string DeletedUsername = "[deleted]";

    public const string DeletedDisplayName = "Deleted user";

    /// <summary>The sender a reclaimed guest's messages show: brackets make it no guest or account name.</summary>
    public const string ReclaimedGuestName = "[guest]";

    private const int ReclaimBatch = 200;

    public Task<IReadOnlyList<AdminUser>> ListAsync(Caller caller, string? query, UserRole? role, bool? disabled, long? after, int? limit)
    {
        AdminService.RequireAdmin(caller);
        var text = (query ?? string.Empty).Trim();
        if (text.Length > 64 || !TextRules.IsClean(text, allowNewlines: false))
        {
            throw Errors.Invalid("query", "A user search is at most 64 characters.");
        }

        var size = Messages.MessageRules.PageSize(limit, AdminLimits.MaxPage);
        return store.ReadAsync(r => r.ListUsersForAdmin(new AdminUserQuery(text, role, disabled, Math.Max(0, after ?? 0), size)));
    }

    /// <summary>
    /// Stops an account: it can no longer sign in, and every session ends now (their sockets, text
    /// and school connections close through session.revoked). Disabling twice changes nothing.
    /// </summary>
    public Task<AdminUser> DisableAsync(Caller caller, long userId) =>
        store.WriteAsync(tx =>
        {
            AdminService.RequireAdmin(caller);
            var user = AdminService.RequireAccount(tx, userId);
            if (userId == caller.Id)
            {
                throw Errors.CannotTargetSelf();
            }

            if (tx.GetAccountState(userId)!.Disabled)
            {
                return new AdminUser(user, true, HasTwoFactor(tx, userId));
            }

            if (user.IsAdmin && tx.CountAdmins() <= 1)
            {
                throw Errors.LastAdmin();
            }

            tx.SetDisabled(userId, true);
            var revoked = AccountService.RevokeInTx(tx, userId, tx.OtherSessions(userId, 0));
            Audit.Write(tx, caller, AuditActions.UserDisabled, AuditTargets.User, userId, ("sessionsRevoked", revoked.Count));
            return new AdminUser(user, true, HasTwoFactor(tx, userId));
        });

    public Task<AdminUser> EnableAsync(Caller caller, long userId) =>
        store.WriteAsync(tx =>
        {
            AdminService.RequireAdmin(caller);
            var user = AdminService.RequireAccount(tx, userId);
            if (!tx.GetAccountState(userId)!.Disabled)
            {
                return new AdminUser(user, false, HasTwoFactor(tx, userId));
            }

            tx.SetDisabled(userId, false);
            Audit.Write(tx, caller, AuditActions.UserEnabled, AuditTargets.User, userId);
            return new AdminUser(user, false, HasTwoFactor(tx, userId));
        });

    /// <summary>
    /// Sets a new password (for someone who forgot theirs) and ends the user's sessions, so whoever
    /// knew the old one is out. An admin setting their own keeps the session they do it from.
    /// </summary>
    public async Task SetPasswordAsync(Caller caller, long userId, string? password)
    {
        AdminService.RequireAdmin(caller);
        UsernameRules.ValidatePassword(password);
        var hash = hasher.Hash(password!); // hashed off the writer: PBKDF2 is deliberately slow
        await store.WriteAsync(tx =>
        {
            var user = AdminService.RequireAccount(tx, userId);
            if (user.IsGuest)
            {
                throw Errors.GuestAccount();
            }

            tx.UpdatePasswordHash(userId, hash);
            var revoked = AccountService.RevokeInTx(tx, userId, tx.OtherSessions(userId, caller.SessionId));
            Audit.Write(tx, caller, AuditActions.UserPasswordSet, AuditTargets.User, userId, ("sessionsRevoked", revoked.Count));
            return 0;
        });
    }

    /// <summary>
    /// Removes an account but not its history: the messages stay, so conversations still make
    /// sense, under a "Deleted user" with no username (the name is free again), picture, about
    /// text, password, contacts or sessions; they leave every group, channel and the Lobby (owners
    /// hand over as when leaving) and keep only their direct chats, whose other person still sees
    /// the conversation. Neither the last admin nor the caller can be removed.
    /// </summary>
    public Task DeleteAsync(Caller caller, long userId) =>
        store.WriteAsync(tx =>
        {
            AdminService.RequireAdmin(caller);
            var user = AdminService.RequireAccount(tx, userId);
            if (userId == caller.Id)
            {
                throw Errors.CannotTargetSelf();
            }

            if (user.IsAdmin && !tx.GetAccountState(userId)!.Disabled && tx.CountAdmins() <= 1)
            {
                throw Errors.LastAdmin();
            }

            var left = Remove(tx, caller.Id, userId, DeletedUsername, DeletedDisplayName);
            Audit.Write(tx, caller, AuditActions.UserDeleted, AuditTargets.User, userId, ("username", user.Username), ("guest", user.IsGuest), ("chatsLeft", left));
            return 0;
        });

    /// <summary>
    /// Housekeeping: removes guests idle since <paramref name="idleBefore"/> (not connected, no
    /// session, not disabled: a disabled guest keeps its name blocked) exactly as an admin removes an
    /// account, except that their messages show the sender <see cref="ReclaimedGuestName"/>. The
    /// name is free again. <paramref name="online"/> says who is connected right now, on any
    /// transport; those are never reclaimed. In short batches, like the retention sweep.
    /// </summary>
    public async Task<int> ReclaimGuestsAsync(DateTimeOffset idleBefore, Func<long, bool> online, CancellationToken cancellationToken = default)
    {
        var reclaimed = 0;
        int found;
        do
        {
            (found, var removed) = await store.WriteAsync(
                tx =>
                {
                    var idle = tx.ListIdleGuests(idleBefore, ReclaimBatch);
                    var count = 0;
                    foreach (var id in idle.Where(id => !online(id)))
                    {
                        Remove(tx, 0, id, ReclaimedGuestName, ReclaimedGuestName);
                        count++;
                    }

                    return (idle.Count, count);
                },
                cancellationToken);
            reclaimed += removed;

            // A full batch of only connected guests would find the same ones again: stop there.
            if (removed == 0)
            {
                break;
            }
        }
        while (found == ReclaimBatch);

        return reclaimed;
    }

    /// <summary>
    /// The one way a user row is removed (an admin's removal, a reclaimed guest): sessions revoked,
    /// out of every group, channel and the Lobby (owners hand over; <paramref name="byId"/> 0 is the
    /// server), anonymised under a key no typed name can match, and announced. Returns the chats left.
    /// </summary>
    private static int Remove(IWriteTx tx, long byId, long userId, string username, string displayName)
    {
        AccountService.RevokeInTx(tx, userId, tx.OtherSessions(userId, 0));
        var left = 0;
        foreach (var (chatId, kind, role) in tx.GroupMemberships(userId))
        {
            tx.DeleteMember(chatId, userId);
            EventLog.ToChat(tx, chatId, EventTypes.MemberLeft, new MemberPayload(chatId, userId, role, byId), J.MemberPayload);
            if (role == MemberRole.Owner && kind != ChatKind.Lobby)
            {
                ChatService.HandOver(tx, chatId, byId);
            }

            left++;
        }

        // The key is unique (the id is in it) and no typed name lowercases to it ('!' is no
        // username character), so the old name is free and this row can never be signed in to.
        tx.AnonymiseUser(userId, $"!deleted:{userId}", username, displayName);
        UserService.Announce(tx, userId);
        return left;
    }

    private static bool HasTwoFactor(IReadTx r, long userId) => r.GetTwoFactor(userId) is { Enabled: true };
}
