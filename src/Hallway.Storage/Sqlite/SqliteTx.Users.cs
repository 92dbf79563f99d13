using Hallway.Core.Accounts;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Sqlite;

internal sealed partial class SqliteTx
{
    private const string UserColumns = "u.id, u.username, u.display_name, u.about, u.role, u.created_at, u.last_seen_at, u.avatar_id, u.is_guest";

    public User? GetUser(long id) =>
        One($"SELECT {UserColumns} FROM users u WHERE u.id = $1", ReadUser, id);

    public User? GetUserByKey(string usernameKey) =>
        One($"SELECT {UserColumns} FROM users u WHERE u.username_key = $1", ReadUser, usernameKey);

    public IReadOnlyList<User> GetUsers(IReadOnlyCollection<long> ids) =>
        ids.Count == 0 ? [] : Many(
            $"SELECT {UserColumns} FROM users u WHERE u.id IN (SELECT value FROM json_each($1)) ORDER BY u.id",
            ReadUser,
            JsonIds(ids));

    public UserCredentials? GetCredentials(long userId) =>
        One("SELECT id, password_hash, disabled FROM users WHERE id = $1",
            r => new UserCredentials(r.GetInt64(0), r.GetString(1), r.GetInt64(2) != 0), userId);

    public long CountUsers() => Scalar("SELECT COUNT(*) FROM users WHERE is_guest = 0");

    public long CountAdmins() => Scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0");

    public IReadOnlyList<User> SearchUsers(long callerId, string text, int limit, bool guests = false) =>
        Many(
            $"""
            SELECT {UserColumns} FROM users u
            WHERE u.disabled = 0 AND ($4 = 1 OR u.is_guest = 0)
              AND ($1 = '' OR instr(u.username_key, $1) > 0 OR instr(hallway_lower(u.display_name), $1) > 0)
              AND (u.who_can_find = 'everyone' OR u.id = $3
                   OR (u.who_can_find = 'contacts' AND EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = u.id AND c.contact_id = $3)))
            ORDER BY u.username_key LIMIT $2
            """,
            ReadUser,
            text.ToLowerInvariant(),
            limit,
            callerId,
            guests ? 1 : 0);

    public long CountGuests() => Scalar("SELECT COUNT(*) FROM users WHERE is_guest = 1 AND deleted_at IS NULL");

    public IReadOnlyList<long> ListIdleGuests(DateTimeOffset before, int limit) =>
        Many(
            """
            SELECT u.id FROM users u
            WHERE u.is_guest = 1 AND u.deleted_at IS NULL AND u.disabled = 0
              AND COALESCE(u.last_seen_at, u.created_at) < $1
              AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id)
            ORDER BY u.id LIMIT $2
            """,
            r => r.GetInt64(0),
            before,
            limit);

    public Privacy? GetPrivacy(long userId) =>
        One(
            "SELECT who_can_message, who_can_find FROM users WHERE id = $1",
            r => new Privacy(Names.MessagePolicy(r.GetString(0)), Names.FindPolicy(r.GetString(1))),
            userId);

    public void SetPrivacy(long userId, Privacy privacy) =>
        Exec("UPDATE users SET who_can_message = $2, who_can_find = $3 WHERE id = $1", userId, Names.Of(privacy.WhoCanMessage), Names.Of(privacy.WhoCanFind));

    public bool IsContact(long ownerId, long contactId) =>
        Scalar("SELECT EXISTS (SELECT 1 FROM contacts WHERE owner_id = $1 AND contact_id = $2)", ownerId, contactId) != 0;

    public SessionLookup? FindSession(byte[] tokenHash) =>
        One(
            $"""
            SELECT s.id, s.last_used_at, s.expires_at, u.disabled, {UserColumns}
            FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1
            """,
            r => new SessionLookup(r.GetInt64(0), ReadUser(r, 4), Time(r, 1), Time(r, 2), r.GetInt64(3) != 0),
            tokenHash);

    public IReadOnlyList<Session> ListSessions(long userId) =>
        Many(
            "SELECT id, created_at, last_used_at, expires_at, user_agent, address FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
            r => new Session(r.GetInt64(0), Time(r, 1), Time(r, 2), Time(r, 3), TextOrNull(r, 4), TextOrNull(r, 5)),
            userId);

    public IReadOnlyList<User> ListContacts(long ownerId) =>
        Many(
            $"SELECT {UserColumns} FROM contacts c JOIN users u ON u.id = c.contact_id WHERE c.owner_id = $1 ORDER BY u.username_key",
            ReadUser,
            ownerId);

    public long? InsertUser(NewUser user) =>
        ScalarOrNull(
            """
            INSERT INTO users (username, username_key, display_name, password_hash, role, created_at, is_guest)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username_key) DO NOTHING RETURNING id
            """,
            user.Username,
            user.UsernameKey,
            user.DisplayName,
            user.PasswordHash,
            Names.Of(user.Role),
            user.CreatedAt,
            user.IsGuest ? 1 : 0);

    public void SetUserRole(long userId, UserRole role) =>
        Exec("UPDATE users SET role = $2 WHERE id = $1", userId, Names.Of(role));

    public bool ShareGroup(long userId, long otherId) =>
        Scalar(
            """
            SELECT EXISTS (SELECT 1 FROM members a JOIN members b ON b.chat_id = a.chat_id AND b.user_id = $2
                           JOIN chats c ON c.id = a.chat_id AND c.kind IN ('group', 'channel')
                           WHERE a.user_id = $1)
            """,
            userId,
            otherId) != 0;

    public string? GetSetting(string key) =>
        One("SELECT value FROM server_settings WHERE key = $1", r => r.GetString(0), key);

    public void SetSetting(string key, string value) =>
        Exec("INSERT INTO server_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);

    public void UpdateProfile(long userId, string displayName, string about) =>
        Exec("UPDATE users SET display_name = $2, about = $3 WHERE id = $1", userId, displayName, about);

    public void UpdatePasswordHash(long userId, string passwordHash) =>
        Exec("UPDATE users SET password_hash = $2 WHERE id = $1", userId, passwordHash);

    public void SetLastSeen(long userId, DateTimeOffset at) =>
        Exec("UPDATE users SET last_seen_at = $2 WHERE id = $1", userId, at);

    public long InsertSession(long userId, byte[] tokenHash, DateTimeOffset expiresAt, string? userAgent, string? address) =>
        Scalar(
            """
            INSERT INTO sessions (user_id, token_hash, created_at, last_used_at, expires_at, user_agent, address)
            VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING id
            """,
            userId,
            tokenHash,
            Now,
            expiresAt,
            userAgent,
            address);

    public void TouchSession(long sessionId, DateTimeOffset expiresAt) =>
        Exec("UPDATE sessions SET last_used_at = $2, expires_at = $3 WHERE id = $1", sessionId, Now, expiresAt);

    public IReadOnlyList<long> DeleteSessions(long userId, IReadOnlyCollection<long> sessionIds) =>
        Many(
            "DELETE FROM sessions WHERE user_id = $1 AND id IN (SELECT value FROM json_each($2)) RETURNING id",
            r => r.GetInt64(0),
            userId,
            JsonIds(sessionIds));

    public IReadOnlyList<long> OtherSessions(long userId, long keepSessionId) =>
        Many("SELECT id FROM sessions WHERE user_id = $1 AND id <> $2", r => r.GetInt64(0), userId, keepSessionId);

    public IReadOnlyList<long> SessionsBeyond(long userId, int keep) =>
        Many(
            "SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET $2",
            r => r.GetInt64(0),
            userId,
            keep);

    public IReadOnlyList<(long UserId, long SessionId)> ExpiredSessions(int limit) =>
        Many("SELECT user_id, id FROM sessions WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2", r => (r.GetInt64(0), r.GetInt64(1)), Now, limit);

    public bool AddContact(long ownerId, long contactId) =>
        Exec("INSERT INTO contacts (owner_id, contact_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", ownerId, contactId, Now) > 0;

    public bool RemoveContact(long ownerId, long contactId) =>
        Exec("DELETE FROM contacts WHERE owner_id = $1 AND contact_id = $2", ownerId, contactId) > 0;

    private static User ReadUser(SqliteDataReader r) => ReadUser(r, 0);

    private static User ReadUser(SqliteDataReader r, int at) =>
        new(r.GetInt64(at), r.GetString(at + 1), r.GetString(at + 2), r.GetString(at + 3), Names.UserRole(r.GetString(at + 4)), Time(r, at + 5), TimeOrNull(r, at + 6), LongOrNull(r, at + 7), r.GetInt64(at + 8) != 0);

    private static DateTimeOffset Time(SqliteDataReader r, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(ordinal));

    private static DateTimeOffset? TimeOrNull(SqliteDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : Time(r, ordinal);

    private static string? TextOrNull(SqliteDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static long? LongOrNull(SqliteDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : r.GetInt64(ordinal);

    private static string JsonIds(IEnumerable<long> ids) => "[" + string.Join(',', ids) + "]";
}
