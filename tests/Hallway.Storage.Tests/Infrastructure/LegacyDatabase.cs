using Hallway.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Tests.Infrastructure;

/// <summary>
/// A hallway.db left at an older schema version, filled with raw SQL that was valid at that
/// version, as an older Hallway would have left it.
/// </summary>
public static class LegacyDatabase
{
    public const long Alice = 1;
    public const long Bob = 2;
    public const long Carol = 3;
    public const long GroupChat = 100;
    public const long DirectChat = 101;
    public const long DeletedMessage = 1003;

    public static SqliteConnection Connect(string folder)
    {
        Directory.CreateDirectory(folder);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, SqliteStore.FileName),
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Creates the database at <paramref name="level"/> with data valid at that level.</summary>
    public static void Create(string folder, int level)
    {
        // The data is written at schema 1 and carried up by the migrations in between, as a
        // database that lived through every older Hallway would be: later schemas drop columns
        // (0005 turned is_admin into role) that the raw V1 rows name.
        using var connection = Connect(folder);
        SqliteMigrator.Migrate(connection, target: Math.Min(level, 1));
        if (level >= 1)
        {
            Exec(connection, V1Data);
            SqliteMigrator.Migrate(connection, target: level);
        }
    }

    public static int Version(string folder)
    {
        using var connection = Connect(folder);
        return SqliteMigrator.CurrentVersion(connection);
    }

    public static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Schema 0001: users, a group of three, a direct chat, messages (one deleted, one reacted to), events.
    private const string V1Data = """
        INSERT INTO users (id, username, username_key, display_name, about, password_hash, is_admin, created_at)
        VALUES (1, 'Alice', 'alice', 'Alice A.', 'about me', 'hash-a', 1, 1700000000000),
               (2, 'bob', 'bob', 'Bob', '', 'hash-b', 0, 1700000000001),
               (3, 'carol', 'carol', 'Carol', '', 'hash-c', 0, 1700000000002);
        INSERT INTO sessions (id, user_id, token_hash, created_at, last_used_at, expires_at)
        VALUES (1, 1, x'00112233', 1700000000000, 1700000000000, 4102444800000);
        INSERT INTO chats (id, kind, title, description, created_by, created_at, last_seq, direct_key)
        VALUES (100, 'group', 'Book club', 'We read.', 1, 1700000001000, 3, NULL),
               (101, 'direct', '', '', 1, 1700000002000, 1, '1:2');
        INSERT INTO members (chat_id, user_id, role, joined_at, read_seq)
        VALUES (100, 1, 'owner', 1700000001000, 3), (100, 2, 'member', 1700000001000, 1), (100, 3, 'member', 1700000001000, 0),
               (101, 1, 'member', 1700000002000, 1), (101, 2, 'member', 1700000002000, 0);
        INSERT INTO messages (id, chat_id, seq, sender_id, client_id, text, created_at, deleted_at, deleted_by)
        VALUES (1001, 100, 1, 1, 'c1', 'The quick brown fox', 1700000001100, NULL, NULL),
               (1002, 100, 2, 2, 'c2', 'jumps over the lazy dog', 1700000001200, NULL, NULL),
               (1003, 100, 3, 1, 'c3', '', 1700000001300, 1700000001400, 1),
               (1004, 101, 1, 1, 'c4', 'Secret quick note', 1700000002100, NULL, NULL);
        INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (1001, 2, '👍', 1700000001500);
        INSERT INTO events (id, chat_id, user_id, type, payload, created_at)
        VALUES (1, 100, NULL, 'message.created', '{"n":1}', 1700000001100),
               (2, 100, NULL, 'message.created', '{"n":2}', 1700000001200),
               (3, NULL, 1, 'user.updated', '{"n":3}', 1700000001300),
               (4, 101, NULL, 'message.created', '{"n":4}', 1700000002100);
        """;
}
