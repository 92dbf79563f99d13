using System.Buffers;
using System.Text.Json;
using Hallway.Core.Accounts;
using Hallway.Core.Storage;

namespace Hallway.Core.Admin;

/// <summary>One admin action as the audit log keeps it. <see cref="ActorId"/> 0 is the operator.</summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    long ActorId,
    string? ActorName,
    string Action,
    string TargetType,
    long? TargetId,
    string DetailJson);

public sealed record NewAuditEntry(long ActorId, string Action, string TargetType, long? TargetId, string DetailJson);

/// <summary>The actions the audit log records; each is documented in docs/PROTOCOL.md §4.7.</summary>
public static class AuditActions
{
    public const string UserRoleSet = "user.role_set";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserPasswordSet = "user.password_set";
    public const string UserDeleted = "user.deleted";
    public const string GroupCreated = "group.created";
    public const string GroupMemberSet = "group.member_set";
    public const string GroupMemberRemoved = "group.member_removed";
    public const string MessageDeleted = "message.deleted";
    public const string ReportResolved = "report.resolved";
    public const string ChatViewed = "chat.viewed";
    public const string ChatExported = "chat.exported";
    public const string DirectMessagesSet = "settings.direct_messages";
    public const string RetentionSet = "settings.retention";
    public const string RetentionSwept = "retention.swept";
    public const string UserCreated = "user.created";
    public const string UserResetLink = "user.reset_link";
    public const string UserTwoFactorOff = "user.two_factor_off";
    public const string InviteCreated = "invite.created";
    public const string InviteRevoked = "invite.revoked";
    public const string RegistrationSet = "settings.registration";
}

/// <summary>The kinds of thing an audit row names.</summary>
public static class AuditTargets
{
    public const string User = "user";
    public const string Chat = "chat";
    public const string Message = "message";
    public const string Report = "report";
    public const string Settings = "settings";
    public const string Invite = "invite";
}

/// <summary>
/// Writes audit rows inside the write transaction of the change itself: the row and the change
/// commit or roll back together. Details are ids, names and settings only, never a password or the
/// text of a message (an admin reading the log must not see what the safeguarding view would).
/// </summary>
public static class Audit
{
    public static void Write(IWriteTx tx, Caller actor, string action, string targetType, long? targetId, params ReadOnlySpan<(string Key, object? Value)> detail) =>
        tx.InsertAudit(new NewAuditEntry(actor.Id, action, targetType, targetId, Detail(detail)));

    /// <summary>A flat JSON object of strings, integers and booleans, written without reflection.</summary>
    public static string Detail(params ReadOnlySpan<(string Key, object? Value)> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in fields)
            {
                switch (value)
                {
                    case null:
                        json.WriteNull(key);
                        break;
                    case string text:
                        json.WriteString(key, text);
                        break;
                    case bool flag:
                        json.WriteBoolean(key, flag);
                        break;
                    case int number:
                        json.WriteNumber(key, number);
                        break;
                    case long number:
                        json.WriteNumber(key, number);
                        break;
                    default:
                        throw new ArgumentException($"Audit detail '{key}' is a {value.GetType().Name}; use a string, number or boolean.", nameof(fields));
                }
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
