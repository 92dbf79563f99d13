using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Storage;

namespace Hallway.Core.Admin;

/// <summary>
/// What only server admins may do: roles, the server-wide settings, the audit log and the counts
/// of the status page. Every method takes a <see cref="Caller"/>, so the HTTP API and the command
/// line (<see cref="Caller.Operator"/>) share one set of rules; every change is audited in its own
/// transaction. People, groups and moderation have sibling services in this folder.
/// </summary>
public sealed partial class AdminService(IHallwayStore store)
{
    /// <summary>The longest retention an admin can set: a hundred years is "forever" in all but name.</summary>
    public const int MaxRetentionDays = 36500;

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
            var before = ServerSettings.DirectMessages(tx);
            if (before == policy)
            {
                return policy;
            }

            tx.SetSetting(ServerSettings.DirectMessagesKey, ServerSettings.Name(policy));
            Audit.Write(tx, caller, AuditActions.DirectMessagesSet, AuditTargets.Settings, null, ("from", ServerSettings.Name(before)), ("to", ServerSettings.Name(policy)));
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
            var user = RequireAccount(tx, userId);
            if (user.Role == role)
            {
                return user;
            }

            if (user.IsGuest)
            {
                // Anyone may take a guest's name on the text gateway: such a name must carry no rights.
                throw Errors.GuestAccount();
            }

            if (user.IsAdmin && tx.CountAdmins() <= 1)
            {
                throw Errors.LastAdmin();
            }

            tx.SetUserRole(userId, role);
            Audit.Write(tx, caller, AuditActions.UserRoleSet, AuditTargets.User, userId, ("from", Names.Of(user.Role)), ("to", Names.Of(role)));
            return UserService.Announce(tx, userId);
        });

    public Task<RetentionSettings> GetRetentionAsync(Caller caller) =>
        store.ReadAsync(r =>
        {
            RequireAdmin(caller);
            return ServerSettings.Retention(r);
        });

    /// <summary>Sets both retention periods (days, 0 = forever); the next sweep applies them.</summary>
    public Task<RetentionSettings> SetRetentionAsync(Caller caller, RetentionSettings settings)
    {
        RequireAdmin(caller);
        if (settings.MessageDays is < 0 or > MaxRetentionDays)
        {
            throw Errors.Invalid("message_days", $"messageDays is 0 (keep forever) to {MaxRetentionDays}.");
        }

        if (settings.FileDays is < 0 or > MaxRetentionDays)
        {
            throw Errors.Invalid("file_days", $"fileDays is 0 (keep forever) to {MaxRetentionDays}.");
        }

        return store.WriteAsync(tx =>
        {
            var before = ServerSettings.Retention(tx);
            if (before == settings)
            {
                return settings;
            }

            tx.SetSetting(ServerSettings.RetentionMessageDaysKey, settings.MessageDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
            tx.SetSetting(ServerSettings.RetentionFileDaysKey, settings.FileDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Audit.Write(
                tx,
                caller,
                AuditActions.RetentionSet,
                AuditTargets.Settings,
                null,
                ("messageDays", settings.MessageDays),
                ("fileDays", settings.FileDays),
                ("previousMessageDays", before.MessageDays),
                ("previousFileDays", before.FileDays));
            return settings;
        });
    }

    /// <summary>The audit log, newest first; <paramref name="beforeId"/> pages back.</summary>
    public Task<IReadOnlyList<AuditEntry>> AuditAsync(Caller caller, long? beforeId, int? limit)
    {
        RequireAdmin(caller);
        var size = Messages.MessageRules.PageSize(limit, AdminLimits.MaxPage);
        return store.ReadAsync(r => r.ListAudit(beforeId, size));
    }

    public Task<ServerCounts> CountsAsync(Caller caller)
    {
        RequireAdmin(caller);
        return store.ReadAsync(r => r.CountForStatus());
    }

    /// <summary>The operator and admin accounts pass; everyone else is refused with not_admin.</summary>
    public static void RequireAdmin(Caller caller)
    {
        if (!caller.User.IsAdmin)
        {
            throw Errors.NotAdmin();
        }
    }

    /// <summary>An account an admin may act on: it exists and was not removed (a removed one is gone).</summary>
    internal static User RequireAccount(IReadTx r, long userId)
    {
        var user = r.GetUser(userId);
        if (user is null || r.GetAccountState(userId) is not { Deleted: false })
        {
            throw Errors.UserNotFound();
        }

        return user;
    }
}

/// <summary>Page sizes of the admin lists.</summary>
public static class AdminLimits
{
    public const int MaxPage = 200;
}

/// <summary>How enums are written in audit details: the same words as on the wire.</summary>
internal static class Names
{
    public static string Of(UserRole role) => role switch
    {
        UserRole.Admin => "admin",
        UserRole.Teacher => "teacher",
        _ => "student",
    };

    public static string Of(MemberRole role) => role switch
    {
        MemberRole.Owner => "owner",
        MemberRole.Admin => "admin",
        _ => "member",
    };

    public static string Of(ChatKind kind) => kind switch
    {
        ChatKind.Channel => "channel",
        ChatKind.Lobby => "lobby",
        ChatKind.Direct => "direct",
        _ => "group",
    };

    public static string Of(ReportAction action) => action == ReportAction.DeleteMessage ? "delete_message" : "dismiss";
}
