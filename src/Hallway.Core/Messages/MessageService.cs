using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Core.Files;
using Hallway.Core.Storage;

namespace Hallway.Core.Messages;

/// <summary>The outcome of a send: the message, and whether it was already there (a retry).</summary>
public sealed record SendResult(Message Message, bool Duplicate);

/// <summary>What a message carries: text (Markdown), a reply, files, or a sticker alone.</summary>
public sealed record MessageContent(string? Text, long? ReplyToId = null, IReadOnlyList<long>? Attachments = null, string? Sticker = null);

/// <summary>A page of history in seq order, and whether more lie beyond it in the direction paged.</summary>
public sealed record HistoryPage(IReadOnlyList<Message> Messages, bool HasMore);

/// <summary>Sending, editing, deleting, reacting, reading and searching messages.</summary>
public sealed class MessageService(IHallwayStore store, HallwayLimits limits)
{
    private static readonly CoreJsonContext J = CoreJsonContext.Default;

    /// <summary>
    /// Stores a message once per (sender, clientId): a retry of an acknowledged send returns the
    /// original message and writes nothing.
    /// </summary>
    public Task<SendResult> SendAsync(Caller caller, long chatId, string? clientId, string? text, long? replyToId, CancellationToken cancellationToken = default) =>
        SendAsync(caller, chatId, clientId, new MessageContent(text, replyToId), cancellationToken);

    /// <inheritdoc cref="SendAsync(Caller, long, string?, string?, long?, CancellationToken)"/>
    public Task<SendResult> SendAsync(Caller caller, long chatId, string? clientId, MessageContent content, CancellationToken cancellationToken = default)
    {
        var id = MessageRules.ClientId(clientId);
        var files = MessageRules.Attachments(content.Attachments);
        var (_, stickerFile) = content.Sticker is null ? default : Stickers.Parse(content.Sticker);
        if (content.Sticker is not null && (files.Length > 0 || !string.IsNullOrWhiteSpace(content.Text)))
        {
            throw Errors.Invalid("sticker", "A sticker is sent alone: no text and no attachments.");
        }

        var body = MessageRules.Text(content.Text, limits.MaxMessageLength, allowEmpty: files.Length > 0 || content.Sticker is not null);
        var replyToId = content.ReplyToId;
        return store.WriteAsync(tx =>
        {
            var previous = tx.GetMessageByClientId(caller.Id, id);
            if (previous is not null)
            {
                if (previous.ChatId != chatId)
                {
                    throw Errors.Invalid("client_id", "That clientId was already used for a message in another chat.");
                }

                return new SendResult(previous, Duplicate: true);
            }

            var (chat, member) = Access.RequireMember(tx, chatId, caller.Id);
            Access.RequireCanPost(chat, member);
            if (chat.Kind == ChatKind.Direct)
            {
                // A direct chat has the two of you (or only you, for saved messages).
                var peerId = Array.Find(tx.MemberIds(chatId), id => id != caller.Id);
                if (peerId != 0)
                {
                    PrivacyRules.RequireCanMessage(tx, caller.Id, peerId);
                }
            }

            if (replyToId is long reply && tx.GetMessage(reply)?.ChatId != chatId)
            {
                throw Errors.ReplyNotFound();
            }

            RequireSendableFiles(tx, caller, files, stickerFile);
            var seq = tx.NextSeq(chatId);
            var messageId = tx.InsertMessage(new NewMessage(chatId, seq, caller.Id, id, body, replyToId, tx.Now, content.Sticker, files.Length));
            if (files.Length > 0 || stickerFile is not null)
            {
                tx.AttachFiles(messageId, files, stickerFile);
            }

            tx.AdvanceRead(chatId, caller.Id, seq);
            tx.UnhideAll(chatId);
            var message = tx.GetMessage(messageId)!;
            EventLog.ToChat(tx, chatId, EventTypes.MessageCreated, new MessagePayload(message), J.MessagePayload);
            return new SendResult(message, Duplicate: false);
        }, cancellationToken);
    }

    /// <summary>Changes the text (the caption, for files); a caption may be removed, a sticker has none.</summary>
    public Task<Message> EditAsync(Caller caller, long messageId, string? text)
    {
        var body = MessageRules.Text(text, limits.MaxMessageLength, allowEmpty: true);
        return store.WriteAsync(tx =>
        {
            var message = RequireVisible(tx, caller, messageId);
            if (message.SenderId != caller.Id)
            {
                throw Errors.NotYourMessage();
            }

            if (message.Deleted)
            {
                throw Errors.MessageDeleted();
            }

            if (message.Sticker is not null)
            {
                throw Errors.Invalid("sticker", "A sticker has no text to edit.");
            }

            if (body.Length == 0 && message.Attachments.Count == 0)
            {
                throw Errors.MessageEmpty();
            }

            if (message.Text == body)
            {
                return message;
            }

            tx.EditMessage(messageId, body);
            var edited = tx.GetMessage(messageId)!;
            EventLog.ToChat(tx, message.ChatId, EventTypes.MessageEdited, new MessagePayload(edited), J.MessagePayload);
            return edited;
        });
    }

    /// <summary>
    /// Own messages; chat owners and admins, server admins, and teachers (in the groups, channels
    /// and Lobby they are in: they moderate) delete any. Deleting twice is a no-op.
    /// </summary>
    public Task<Message> DeleteAsync(Caller caller, long messageId) =>
        store.WriteAsync(tx =>
        {
            var message = RequireVisible(tx, caller, messageId);
            if (message.Deleted)
            {
                return message;
            }

            var moderates = caller.User.IsAdmin || (caller.User.Role == UserRole.Teacher && tx.GetChat(message.ChatId)?.Kind != ChatKind.Direct);
            if (message.SenderId != caller.Id && !moderates &&
                tx.GetMember(message.ChatId, caller.Id) is not { IsChatAdmin: true })
            {
                throw Errors.NotYourMessage();
            }

            return Tombstone(tx, message, caller.Id);
        });

    /// <summary>
    /// A server admin removes any message by id, also in chats they are not in (the school
    /// messenger's moderation, where admins see every conversation; the admin API's delete; the
    /// operator). Audited, as every admin action is. Deleting twice is a no-op and audits nothing.
    /// </summary>
    public Task<Message> ModerateDeleteAsync(Caller caller, long messageId) =>
        store.WriteAsync(tx =>
        {
            var message = tx.GetMessage(messageId);
            if (message is null || !caller.User.IsAdmin)
            {
                throw Errors.MessageNotFound();
            }

            if (message.Deleted)
            {
                return message;
            }

            var deleted = Tombstone(tx, message, caller.Id);
            Admin.Audit.Write(tx, caller, Admin.AuditActions.MessageDeleted, Admin.AuditTargets.Message, messageId, ("chatId", message.ChatId), ("senderId", message.SenderId));
            return deleted;
        });

    /// <summary>
    /// Turns a message into a tombstone and tells the chat (message.deleted), as every delete does:
    /// the sender's, a moderator's, an admin's, and the retention sweep's (actor 0).
    /// </summary>
    internal static Message Tombstone(IWriteTx tx, Message message, long actorId)
    {
        tx.TombstoneMessage(message.Id, actorId);
        EventLog.ToChat(tx, message.ChatId, EventTypes.MessageDeleted, new MessageDeletedPayload(message.ChatId, message.Id, message.Seq, actorId), J.MessageDeletedPayload);
        return tx.GetMessage(message.Id)!;
    }

    /// <summary>Adds or removes the caller's emoji on a message; repeating either is a no-op.</summary>
    public Task<Message> ReactAsync(Caller caller, long messageId, string? emoji, bool add)
    {
        var value = MessageRules.Emoji(emoji);
        return store.WriteAsync(tx =>
        {
            var message = RequireVisible(tx, caller, messageId);
            if (message.Deleted)
            {
                throw Errors.MessageDeleted();
            }

            var changed = add ? tx.AddReaction(messageId, caller.Id, value) : tx.RemoveReaction(messageId, caller.Id, value);
            if (changed)
            {
                var type = add ? EventTypes.ReactionAdded : EventTypes.ReactionRemoved;
                EventLog.ToChat(tx, message.ChatId, type, new ReactionPayload(message.ChatId, messageId, caller.Id, value), J.ReactionPayload);
            }

            return tx.GetMessage(messageId)!;
        });
    }

    /// <summary>Moves the caller's read marker forward to <paramref name="seq"/> (clamped to the last message).</summary>
    public Task<long> MarkReadAsync(Caller caller, long chatId, long seq)
    {
        if (seq < 0)
        {
            throw Errors.Invalid("seq", "seq is a message sequence number, 0 or more.");
        }

        return store.WriteAsync(tx =>
        {
            var (chat, member) = Access.RequireMember(tx, chatId, caller.Id);
            var target = Math.Min(seq, chat.LastSeq);
            if (tx.AdvanceRead(chatId, caller.Id, target))
            {
                EventLog.ToChat(tx, chatId, EventTypes.ReadUpdated, new ReadPayload(chatId, caller.Id, target), J.ReadPayload);
                return target;
            }

            return member.ReadSeq;
        });
    }

    /// <summary>
    /// The newest page, or the page before or after a seq. One extra row is read to tell whether
    /// more remain, so <see cref="HistoryPage.HasMore"/> is exact.
    /// </summary>
    public Task<HistoryPage> HistoryAsync(Caller caller, long chatId, long? beforeSeq, long? afterSeq, int? limit)
    {
        if (beforeSeq is not null && afterSeq is not null)
        {
            throw Errors.BadRequest("Give before or after, not both.");
        }

        var size = MessageRules.PageSize(limit, limits.MaxPageSize);
        return store.ReadAsync(r =>
        {
            Access.RequireMember(r, chatId, caller.Id);
            var rows = r.History(chatId, beforeSeq, afterSeq, size + 1);
            if (rows.Count <= size)
            {
                return new HistoryPage(rows, HasMore: false);
            }

            // Rows are in seq order; the extra one is the oldest when paging back, the newest forward.
            IReadOnlyList<Message> page = afterSeq is null ? [.. rows.Skip(1)] : [.. rows.Take(size)];
            return new HistoryPage(page, HasMore: true);
        });
    }

    public Task<Message> GetAsync(Caller caller, long messageId) =>
        store.ReadAsync(r => RequireVisible(r, caller, messageId));

    public Task<IReadOnlyList<Message>> SearchAsync(Caller caller, string? query, long? chatId, int? limit)
    {
        var fts = MessageRules.SearchQuery(query);
        var size = MessageRules.PageSize(limit, limits.MaxSearchResults);
        return store.ReadAsync(r =>
        {
            if (chatId is long id)
            {
                Access.RequireMember(r, id, caller.Id);
            }

            return r.Search(caller.Id, fts, chatId, size);
        });
    }

    /// <summary>Who has read the message: members whose marker is at or past it, the sender excepted.</summary>
    public Task<IReadOnlyList<MessageReader>> ReadersAsync(Caller caller, long messageId) =>
        store.ReadAsync(r =>
        {
            var message = RequireVisible(r, caller, messageId);
            return r.Readers(message.ChatId, message.Seq, message.SenderId);
        });

    /// <summary>
    /// Files go out only if the sender may read them (their own uploads, or files they have seen in
    /// their chats, so forwarding needs no new upload); a custom sticker must be an image.
    /// </summary>
    private static void RequireSendableFiles(IReadTx r, Caller caller, long[] files, long? stickerFile)
    {
        foreach (var file in files)
        {
            if (!r.CanReadFile(caller.Id, file))
            {
                throw Errors.FileNotFound();
            }
        }

        if (stickerFile is long sticker)
        {
            if (!r.CanReadFile(caller.Id, sticker))
            {
                throw Errors.FileNotFound();
            }

            if (r.GetFile(sticker) is not { File.IsImage: true })
            {
                throw Errors.NotAnImage();
            }
        }
    }

    /// <summary>The message, if it exists in a chat the caller is in; unknown ids and foreign chats look alike.</summary>
    private static Message RequireVisible(IReadTx r, Caller caller, long messageId)
    {
        var message = r.GetMessage(messageId);
        if (message is null || r.GetMember(message.ChatId, caller.Id) is null)
        {
            throw Errors.MessageNotFound();
        }

        return message;
    }
}
