using System.Globalization;
using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Files;
using Hallway.Core.Messages;
using Hallway.Core.Presence;
using Hallway.Core.Storage;
using Hallway.Server.Files;

namespace Hallway.Server.Compat.School;

/// <summary>
/// Hallway users and direct-chat messages as the school client sees them. Times are naive, as its
/// server sent them: messages in UTC; last_seen and push times in the server's local time with
/// microseconds (the client subtracts them from its own naive <c>datetime.now()</c>).
/// </summary>
public static class SchoolViews
{
    public static string MessageTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static string LocalTime(DateTimeOffset at) =>
        at.ToLocalTime().DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>The message_deleted push carries the stored time as SQLite wrote it.</summary>
    public static string SqliteTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static SchoolUser User(User user, PresenceTracker presence)
    {
        var online = presence.IsOnline(user.Id);
        return new SchoolUser(user.Id, user.Username, online, user.LastSeenAt is { } seen ? LocalTime(seen) : null, online ? "online" : "offline");
    }

    /// <summary>
    /// A message of a direct chat with what its view needs, read in one transaction: the other
    /// member (the receiver; yourself in saved messages), whether the receiver's marker passed it,
    /// and the first attached file.
    /// </summary>
    public sealed record Loaded(Message Message, long ReceiverId, bool IsRead, StoredFile? File);

    /// <summary>Null unless the message is live and in a direct chat.</summary>
    public static Loaded? Load(IReadTx r, Message message)
    {
        if (message.Deleted || r.GetChat(message.ChatId) is not { Kind: ChatKind.Direct })
        {
            return null;
        }

        var members = r.ListMembers(message.ChatId);
        var receiver = members.FirstOrDefault(m => m.UserId != message.SenderId) ?? members.FirstOrDefault(m => m.UserId == message.SenderId);
        if (receiver is null)
        {
            return null;
        }

        var file = message.Attachments.Count > 0 ? r.GetFile(message.Attachments[0].Id) : null;
        return new Loaded(message, receiver.UserId, receiver.ReadSeq >= message.Seq, file);
    }

    /// <summary>
    /// Files travel as base64 (images as message_type image, anything else as file); a web
    /// message with several files shows the first and names the rest. Text is the Markdown source.
    /// </summary>
    public static async Task<SchoolMessage> MessageAsync(Loaded loaded, BlobStore blobs, CancellationToken cancellationToken)
    {
        var message = loaded.Message;
        var content = message.Text;
        if (message.Sticker is { } sticker && content.Length == 0)
        {
            content = $"[sticker {sticker}]";
        }

        if (message.Attachments.Count > 1)
        {
            var others = string.Join(", ", message.Attachments.Skip(1).Select(a => a.Name));
            content = content.Length == 0 ? $"[also: {others}]" : $"{content}\n[also: {others}]";
        }

        string? data = null;
        var type = "text";
        if (loaded.File is { } file)
        {
            type = file.File.IsImage ? "image" : "file";
            try
            {
                data = Convert.ToBase64String(await File.ReadAllBytesAsync(blobs.PathOf(file.Sha256), cancellationToken));
            }
            catch (FileNotFoundException)
            {
                // Swept or lost: the message still shows, without its bytes.
            }

            if (content.Length == 0)
            {
                content = file.File.Name;
            }
        }

        return new SchoolMessage(message.Id, message.SenderId, loaded.ReceiverId, content, MessageTime(message.CreatedAt), loaded.IsRead, type, data);
    }

    public static async Task<IReadOnlyList<SchoolMessage>> MessagesAsync(IEnumerable<Loaded> loaded, BlobStore blobs, CancellationToken cancellationToken)
    {
        var views = new List<SchoolMessage>();
        foreach (var item in loaded)
        {
            views.Add(await MessageAsync(item, blobs, cancellationToken));
        }

        return views;
    }
}
