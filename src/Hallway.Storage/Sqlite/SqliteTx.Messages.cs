using Hallway.Core.Chats;
using Hallway.Core.Files;
using Hallway.Core.Messages;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Sqlite;

internal sealed partial class SqliteTx
{
    private const string MessageColumns =
        "m.id, m.chat_id, m.seq, m.sender_id, m.client_id, m.text, m.reply_to_id, m.created_at, m.edited_at, m.deleted_at, m.deleted_by, m.sticker, m.file_count";

    public Message? GetMessage(long messageId) =>
        WithExtras(Many($"SELECT {MessageColumns} FROM messages m WHERE m.id = $1", ReadMessage, messageId)) is [var m] ? m : null;

    public Message? GetMessageByClientId(long senderId, string clientId) =>
        WithExtras(Many($"SELECT {MessageColumns} FROM messages m WHERE m.sender_id = $1 AND m.client_id = $2", ReadMessage, senderId, clientId)) is [var m] ? m : null;

    public IReadOnlyList<Message> History(long chatId, long? beforeSeq, long? afterSeq, int limit)
    {
        List<Message> page;
        if (afterSeq is long after)
        {
            page = Many($"SELECT {MessageColumns} FROM messages m WHERE m.chat_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3", ReadMessage, chatId, after, limit);
        }
        else
        {
            page = Many(
                $"SELECT {MessageColumns} FROM messages m WHERE m.chat_id = $1 AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3",
                ReadMessage,
                chatId,
                beforeSeq ?? long.MaxValue,
                limit);
            page.Reverse();
        }

        return WithExtras(page);
    }

    public IReadOnlyList<Message> Search(long userId, string ftsQuery, long? chatId, int limit) =>
        WithExtras(Many(
            $"""
            SELECT {MessageColumns} FROM messages_fts f JOIN messages m ON m.id = f.rowid
            WHERE messages_fts MATCH $1 AND m.deleted_at IS NULL
              AND m.chat_id IN (SELECT chat_id FROM members WHERE user_id = $2)
              AND ($3 IS NULL OR m.chat_id = $3)
            ORDER BY m.id DESC LIMIT $4
            """,
            ReadMessage,
            ftsQuery,
            userId,
            chatId,
            limit));

    public IReadOnlyList<MessageReader> Readers(long chatId, long seq, long exceptUserId) =>
        Many(
            "SELECT user_id, read_seq FROM members WHERE chat_id = $1 AND read_seq >= $2 AND user_id <> $3 ORDER BY user_id",
            r => new MessageReader(r.GetInt64(0), r.GetInt64(1)),
            chatId,
            seq,
            exceptUserId);

    public long InsertMessage(NewMessage message) =>
        Scalar(
            """
            INSERT INTO messages (chat_id, seq, sender_id, client_id, text, reply_to_id, created_at, sticker, file_count)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9); SELECT last_insert_rowid()
            """,
            message.ChatId,
            message.Seq,
            message.SenderId,
            message.ClientId,
            message.Text,
            message.ReplyToId,
            message.CreatedAt,
            message.Sticker,
            message.FileCount);

    public void EditMessage(long messageId, string text) =>
        Exec("UPDATE messages SET text = $2, edited_at = $3 WHERE id = $1", messageId, text, Now);

    public void TombstoneMessage(long messageId, long deletedBy)
    {
        Exec("UPDATE messages SET text = '', sticker = NULL, file_count = 0, deleted_at = $2, deleted_by = $3 WHERE id = $1", messageId, Now, deletedBy);
        Exec("DELETE FROM reactions WHERE message_id = $1", messageId);
        Exec("DELETE FROM message_files WHERE message_id = $1", messageId); // its files become orphans, cleaned up later
    }

    public bool AddReaction(long messageId, long userId, string emoji) =>
        Exec("INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", messageId, userId, emoji, Now) > 0;

    public bool RemoveReaction(long messageId, long userId, string emoji) =>
        Exec("DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3", messageId, userId, emoji) > 0;

    private static Message ReadMessage(SqliteDataReader r) =>
        new(
            r.GetInt64(0),
            r.GetInt64(1),
            r.GetInt64(2),
            r.GetInt64(3),
            r.GetString(4),
            r.GetString(5),
            LongOrNull(r, 6),
            Time(r, 7),
            TimeOrNull(r, 8),
            TimeOrNull(r, 9),
            LongOrNull(r, 10),
            [],
            r.GetInt64(12) == 0 ? [] : AttachmentsNotLoaded,
            TextOrNull(r, 11));

    /// <summary>Fills in reactions and attachments for a page of messages, one query each at most.</summary>
    private List<Message> WithExtras(List<Message> messages)
    {
        if (messages.Count == 0)
        {
            return messages;
        }

        var rows = Many(
            "SELECT message_id, emoji, user_id FROM reactions WHERE message_id IN (SELECT value FROM json_each($1)) ORDER BY created_at, user_id",
            r => (MessageId: r.GetInt64(0), Emoji: r.GetString(1), UserId: r.GetInt64(2)),
            JsonIds(messages.Select(m => m.Id)));
        if (rows.Count > 0)
        {
            var byMessage = rows
                .GroupBy(x => x.MessageId)
                .ToDictionary(
                    g => g.Key,
                    g => (IReadOnlyList<Reaction>)[.. g.GroupBy(x => x.Emoji).Select(e => new Reaction(e.Key, [.. e.Select(x => x.UserId)]))]);
            messages = [.. messages.Select(m => byMessage.TryGetValue(m.Id, out var reactions) ? m with { Reactions = reactions } : m)];
        }

        return WithAttachments(messages);
    }

    /// <summary>Marks rows whose file_count says they have attachments; plain text skips the query.</summary>
    private static readonly IReadOnlyList<Attachment> AttachmentsNotLoaded = new List<Attachment>().AsReadOnly();

    private List<Message> WithAttachments(List<Message> messages)
    {
        var ids = messages.Where(m => ReferenceEquals(m.Attachments, AttachmentsNotLoaded)).Select(m => m.Id).ToArray();
        if (ids.Length == 0)
        {
            return messages;
        }

        var byMessage = Many(
                $"""
                SELECT mf.message_id, {FileColumns} FROM message_files mf JOIN files f ON f.id = mf.file_id
                WHERE mf.message_id IN (SELECT value FROM json_each($1)) AND mf.position >= 0 ORDER BY mf.message_id, mf.position
                """,
                r => (MessageId: r.GetInt64(0), File: ReadAttachment(r, 1)),
                JsonIds(ids))
            .GroupBy(x => x.MessageId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Attachment>)[.. g.Select(x => x.File)]);
        return [.. messages.Select(m => ReferenceEquals(m.Attachments, AttachmentsNotLoaded)
            ? m with { Attachments = byMessage.GetValueOrDefault(m.Id) ?? [] }
            : m)];
    }
}
