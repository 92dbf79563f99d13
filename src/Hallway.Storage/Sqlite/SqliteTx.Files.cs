using Hallway.Core.Files;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Sqlite;

internal sealed partial class SqliteTx
{
    private const string FileColumns = "f.id, f.name, f.size, f.media_type, f.width, f.height, f.preview_sha256, f.created_at";

    /// <summary>A file is referred to by a message, an avatar or a sticker collection.</summary>
    private const string FileInUse = """
        (EXISTS (SELECT 1 FROM message_files mf WHERE mf.file_id = f.id)
         OR EXISTS (SELECT 1 FROM users u WHERE u.avatar_id = f.id)
         OR EXISTS (SELECT 1 FROM chats c WHERE c.avatar_id = f.id)
         OR EXISTS (SELECT 1 FROM stickers s WHERE s.file_id = f.id))
        """;

    public StoredFile? GetFile(long fileId) =>
        One(
            $"SELECT {FileColumns}, f.owner_id, f.sha256, f.preview_type FROM files f WHERE f.id = $1",
            r => new StoredFile(ReadAttachment(r, 0), r.GetInt64(8), r.GetString(9), TextOrNull(r, 6), TextOrNull(r, 10)),
            fileId);

    public bool CanReadFile(long userId, long fileId) =>
        Scalar(
            """
            SELECT EXISTS (SELECT 1 FROM files f WHERE f.id = $1 AND (
                f.owner_id = $2
                OR EXISTS (SELECT 1 FROM message_files mf JOIN messages m ON m.id = mf.message_id
                           JOIN members b ON b.chat_id = m.chat_id AND b.user_id = $2 WHERE mf.file_id = f.id)
                OR EXISTS (SELECT 1 FROM users u WHERE u.avatar_id = f.id)
                OR EXISTS (SELECT 1 FROM chats c JOIN members b ON b.chat_id = c.id AND b.user_id = $2 WHERE c.avatar_id = f.id)))
            """,
            fileId,
            userId) != 0;

    public IReadOnlyList<Attachment> ListStickers(long userId) =>
        Many(
            $"SELECT {FileColumns} FROM stickers s JOIN files f ON f.id = s.file_id WHERE s.user_id = $1 ORDER BY s.created_at DESC, f.id DESC",
            r => ReadAttachment(r, 0),
            userId);

    public bool HasSticker(long userId, long fileId) =>
        Scalar("SELECT EXISTS (SELECT 1 FROM stickers WHERE user_id = $1 AND file_id = $2)", userId, fileId) != 0;

    public bool BlobInUse(string sha256) =>
        Scalar("SELECT EXISTS (SELECT 1 FROM files WHERE sha256 = $1) OR EXISTS (SELECT 1 FROM files WHERE preview_sha256 = $1)", sha256) != 0;

    public long InsertFile(NewFile file) =>
        Scalar(
            """
            INSERT INTO files (owner_id, name, size, media_type, width, height, sha256, preview_sha256, preview_type, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10); SELECT last_insert_rowid()
            """,
            file.OwnerId,
            file.Name,
            file.Size,
            file.MediaType,
            file.Width,
            file.Height,
            file.Sha256,
            file.PreviewSha256,
            file.PreviewMediaType,
            Now);

    public void AttachFiles(long messageId, IReadOnlyList<long> fileIds, long? stickerFileId)
    {
        for (var i = 0; i < fileIds.Count; i++)
        {
            Exec("INSERT INTO message_files (message_id, position, file_id) VALUES ($1, $2, $3)", messageId, i, fileIds[i]);
        }

        if (stickerFileId is long sticker)
        {
            Exec("INSERT INTO message_files (message_id, position, file_id) VALUES ($1, -1, $2)", messageId, sticker);
        }
    }

    public void SetUserAvatar(long userId, long? fileId) =>
        Exec("UPDATE users SET avatar_id = $2 WHERE id = $1", userId, fileId);

    public void SetChatAvatar(long chatId, long? fileId) =>
        Exec("UPDATE chats SET avatar_id = $2 WHERE id = $1", chatId, fileId);

    public bool AddSticker(long userId, long fileId) =>
        Exec("INSERT INTO stickers (user_id, file_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", userId, fileId, Now) > 0;

    public bool RemoveSticker(long userId, long fileId) =>
        Exec("DELETE FROM stickers WHERE user_id = $1 AND file_id = $2", userId, fileId) > 0;

    public (int Deleted, IReadOnlyList<string> FreedBlobs) DeleteOrphanFiles(DateTimeOffset createdBefore, int limit)
    {
        var blobs = Many(
            $"DELETE FROM files WHERE id IN (SELECT f.id FROM files f WHERE f.created_at < $1 AND NOT {FileInUse} LIMIT $2) RETURNING sha256, preview_sha256",
            r => (File: r.GetString(0), Preview: TextOrNull(r, 1)),
            createdBefore,
            limit);
        IReadOnlyList<string> freed = [.. blobs
            .SelectMany(b => b.Preview is null ? [b.File] : new[] { b.File, b.Preview })
            .Distinct(StringComparer.Ordinal)
            .Where(sha => !BlobInUse(sha))];
        return (blobs.Count, freed);
    }

    private static Attachment ReadAttachment(SqliteDataReader r, int at)
    {
        var mediaType = r.GetString(at + 3);
        return new Attachment(
            r.GetInt64(at),
            r.GetString(at + 1),
            r.GetInt64(at + 2),
            mediaType,
            mediaType != MediaKind.Download,
            r.IsDBNull(at + 4) ? null : r.GetInt32(at + 4),
            r.IsDBNull(at + 5) ? null : r.GetInt32(at + 5),
            !r.IsDBNull(at + 6),
            Time(r, at + 7));
    }
}
