using Hallway.Core.Events;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Sqlite;

internal sealed partial class SqliteTx
{
    public IReadOnlyList<StoredEvent> EventsFor(long userId, long afterId, int limit) =>
        Many(
            """
            SELECT id, chat_id, user_id, type, payload, created_at FROM events
            WHERE id > $2 AND (user_id = $1 OR chat_id IN (SELECT chat_id FROM members WHERE user_id = $1))
            ORDER BY id LIMIT $3
            """,
            ReadEvent,
            userId,
            afterId,
            limit);

    public long LastEventId() => Scalar("SELECT COALESCE(MAX(id), 0) FROM events");

    public StoredEvent AppendEvent(long? chatId, long? userId, string type, string payloadJson)
    {
        var id = Scalar(
            "INSERT INTO events (chat_id, user_id, type, payload, created_at) VALUES ($1, $2, $3, $4, $5); SELECT last_insert_rowid()",
            chatId,
            userId,
            type,
            payloadJson,
            Now);
        var stored = new StoredEvent(id, chatId, userId, type, payloadJson, Now);
        _events.Add(stored);
        return stored;
    }

    private static StoredEvent ReadEvent(SqliteDataReader r) =>
        new(r.GetInt64(0), LongOrNull(r, 1), LongOrNull(r, 2), r.GetString(3), r.GetString(4), Time(r, 5));
}
