using Hallway.Core.Admin;
using Hallway.Core.Chats;
using Hallway.Core.Messages;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Sqlite;

internal sealed partial class SqliteTx
{
    private const string ReportColumns =
        "r.id, r.message_id, m.chat_id, r.reporter_id, r.reason, r.created_at, r.resolved_at, r.resolved_by, r.resolution";

    public AccountState? GetAccountState(long userId) =>
        One("SELECT disabled, deleted_at FROM users WHERE id = $1", r => new AccountState(r.GetInt64(0) != 0, !r.IsDBNull(1)), userId);

    public IReadOnlyList<AdminUser> ListUsersForAdmin(AdminUserQuery query) =>
        Many(
            $"""
            SELECT {UserColumns}, u.disabled,
                EXISTS (SELECT 1 FROM two_factor t WHERE t.user_id = u.id AND t.enabled = 1) FROM users u
            WHERE u.deleted_at IS NULL AND u.id > $1
              AND ($2 = '' OR instr(hallway_lower(u.username), $2) > 0 OR instr(hallway_lower(u.display_name), $2) > 0)
              AND ($3 IS NULL OR u.role = $3)
              AND ($4 IS NULL OR u.disabled = $4)
            ORDER BY u.id LIMIT $5
            """,
            r => new AdminUser(ReadUser(r, 0), r.GetInt64(9) != 0, r.GetInt64(10) != 0),
            query.After,
            query.Text.ToLowerInvariant(),
            query.Role,
            query.Disabled,
            query.Limit);

    public IReadOnlyList<AdminGroup> ListGroups() =>
        Many(
            $"""
            SELECT {ChatColumns},
                (SELECT COUNT(*) FROM members m WHERE m.chat_id = c.id),
                (SELECT m.user_id FROM members m WHERE m.chat_id = c.id AND m.role = 'owner' LIMIT 1)
            FROM chats c WHERE c.kind IN ('group', 'channel') ORDER BY c.id
            """,
            r => new AdminGroup(ReadChat(r), r.GetInt64(8), LongOrNull(r, 9)));

    public IReadOnlyList<(long ChatId, ChatKind Kind, MemberRole Role)> GroupMemberships(long userId) =>
        Many(
            "SELECT m.chat_id, c.kind, m.role FROM members m JOIN chats c ON c.id = m.chat_id WHERE m.user_id = $1 AND c.kind <> 'direct' ORDER BY m.chat_id",
            r => (r.GetInt64(0), Names.Kind(r.GetString(1)), Names.Role(r.GetString(2))),
            userId);

    public ServerCounts CountForStatus() =>
        One(
            """
            SELECT (SELECT COUNT(*) FROM users WHERE is_guest = 0 AND deleted_at IS NULL),
                   (SELECT COUNT(*) FROM users WHERE is_guest = 1 AND deleted_at IS NULL),
                   (SELECT COUNT(*) FROM users WHERE disabled = 1 AND deleted_at IS NULL),
                   (SELECT COUNT(*) FROM chats WHERE kind IN ('group', 'channel')),
                   (SELECT COUNT(*) FROM messages WHERE deleted_at IS NULL)
            """,
            r => new ServerCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)))!;

    public IReadOnlyList<AuditEntry> ListAudit(long? beforeId, int limit) =>
        Many(
            """
            SELECT a.id, a.at, a.actor_id, CASE WHEN a.actor_id = 0 THEN 'operator' ELSE u.username END,
                   a.action, a.target_type, a.target_id, a.detail
            FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
            WHERE a.id < $1 ORDER BY a.id DESC LIMIT $2
            """,
            r => new AuditEntry(r.GetInt64(0), Time(r, 1), r.GetInt64(2), TextOrNull(r, 3), r.GetString(4), r.GetString(5), LongOrNull(r, 6), r.GetString(7)),
            beforeId ?? long.MaxValue,
            limit);

    public Report? GetReport(long reportId) =>
        One($"SELECT {ReportColumns} FROM reports r JOIN messages m ON m.id = r.message_id WHERE r.id = $1", ReadReport, reportId);

    public IReadOnlyList<Report> ListReports(bool open, long? beforeId, int limit) =>
        Many(
            $"""
            SELECT {ReportColumns} FROM reports r JOIN messages m ON m.id = r.message_id
            WHERE (r.resolved_at IS NULL) = $1 AND r.id < $2 ORDER BY r.id DESC LIMIT $3
            """,
            ReadReport,
            open,
            beforeId ?? long.MaxValue,
            limit);

    public IReadOnlyList<Message> MessagesCreatedBefore(DateTimeOffset before, int limit) =>
        WithExtras(Many(
            $"SELECT {MessageColumns} FROM messages m WHERE m.deleted_at IS NULL AND m.created_at < $1 ORDER BY m.created_at, m.id LIMIT $2",
            ReadMessage,
            before,
            limit));

    public IReadOnlyList<Message> MessagesWithFilesCreatedBefore(DateTimeOffset before, int limit) =>
        WithExtras(Many(
            $"SELECT {MessageColumns} FROM messages m WHERE m.deleted_at IS NULL AND m.file_count > 0 AND m.created_at < $1 ORDER BY m.created_at, m.id LIMIT $2",
            ReadMessage,
            before,
            limit));

    public void SetDisabled(long userId, bool disabled) =>
        Exec("UPDATE users SET disabled = $2 WHERE id = $1", userId, disabled);

    public void AnonymiseUser(long userId, string usernameKey, string username, string displayName)
    {
        Exec(
            """
            UPDATE users SET username_key = $2, username = $3, display_name = $4, about = '', avatar_id = NULL,
                password_hash = '', disabled = 1, role = 'student', who_can_message = 'everyone',
                who_can_find = 'everyone', deleted_at = $5
            WHERE id = $1
            """,
            userId,
            usernameKey,
            username,
            displayName,
            Now);
        Exec("DELETE FROM contacts WHERE owner_id = $1 OR contact_id = $1", userId);
        Exec("DELETE FROM stickers WHERE user_id = $1", userId);
    }

    public long InsertAudit(NewAuditEntry entry) =>
        Scalar(
            "INSERT INTO audit_log (at, actor_id, action, target_type, target_id, detail) VALUES ($1, $2, $3, $4, $5, $6); SELECT last_insert_rowid()",
            Now,
            entry.ActorId,
            entry.Action,
            entry.TargetType,
            entry.TargetId,
            entry.DetailJson);

    public long? InsertReport(long messageId, long reporterId, string reason) =>
        ScalarOrNull(
            "INSERT INTO reports (message_id, reporter_id, reason, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id",
            messageId,
            reporterId,
            reason,
            Now);

    public IReadOnlyList<long> ResolveReports(long messageId, long? reportId, long resolvedBy, ReportAction resolution) =>
        Many(
            """
            UPDATE reports SET resolved_at = $3, resolved_by = $4, resolution = $5
            WHERE message_id = $1 AND resolved_at IS NULL AND ($2 IS NULL OR id = $2) RETURNING id
            """,
            r => r.GetInt64(0),
            messageId,
            reportId,
            Now,
            resolvedBy,
            ResolutionName(resolution));

    public void DetachFiles(long messageId)
    {
        Exec("DELETE FROM message_files WHERE message_id = $1 AND position >= 0", messageId);
        Exec("UPDATE messages SET file_count = 0 WHERE id = $1", messageId);
    }

    private static Report ReadReport(SqliteDataReader r) =>
        new(
            r.GetInt64(0),
            r.GetInt64(1),
            r.GetInt64(2),
            r.GetInt64(3),
            r.GetString(4),
            Time(r, 5),
            TimeOrNull(r, 6),
            LongOrNull(r, 7),
            r.IsDBNull(8) ? null : r.GetString(8) == "delete_message" ? ReportAction.DeleteMessage : ReportAction.Dismiss);

    private static string ResolutionName(ReportAction action) => action == ReportAction.DeleteMessage ? "delete_message" : "dismiss";
}
