using Hallway.Core.Accounts;
using Hallway.Core.Common;
using Hallway.Core.Storage;

namespace Hallway.Core.Admin;

/// <summary>What only server admins may do: roles and the server-wide settings.</summary>
public sealed partial class AdminService(IHallwayStore store)
{
    public Task<DirectMessagePolicy> GetDirectMessagesAsync(Caller caller) =>
        store.ReadAsync(r =>
        {
            RequireAdmin(caller);
            return ServerSettings.DirectMessages(r);
        });

    public Task<DirectMessagePolicy> SetDirectMessagesAsync(Caller caller, DirectMessagePolicy policy) =>
        store.WriteAsync(tx =>
        {
            RequireAdmin(caller);
            tx.SetSetting(ServerSettings.DirectMessagesKey, ServerSettings.Name(policy));
            return policy;
        });

    /// <summary>
    /// Gives a user a role. The last admin cannot stop being one (the server would have nobody to
    /// run it); everyone hears of the change as a user.updated.
    /// </summary>
    public Task<User> SetRoleAsync(Caller caller, long userId, UserRole role) =>
        store.WriteAsync(tx =>
        {
            RequireAdmin(caller);
            var user = tx.GetUser(userId) ?? throw Errors.UserNotFound();
            if (user.Role == role)
            {
                return user;
            }

            if (user.IsAdmin && tx.CountAdmins() <= 1)
            {
                throw Errors.LastAdmin();
            }

            tx.SetUserRole(userId, role);
            return UserService.Announce(tx, userId);
        });

    public static void RequireAdmin(Caller caller)
    {
        if (!caller.User.IsAdmin)
        {
            throw Errors.NotAdmin();
        }
    }
}
