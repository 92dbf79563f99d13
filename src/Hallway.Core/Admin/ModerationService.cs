using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Messages;
using Hallway.Core.Storage;

namespace Hallway.Core.Admin;

/// <summary>A report with the message it is about, as it is now (a tombstone once deleted).</summary>
public sealed record ReportedMessage(Report Report, Message Message);

/// <summary>A page of any chat, read by an admin who need not be in it (the safeguarding view).</summary>
public sealed record ChatReading(Chat Chat, IReadOnlyList<ChatMember> Members, IReadOnlyList<Message> Messages, bool HasMore);

/// <summary>
/// Reports (anyone who sees a message may flag it; admins resolve), admins' deletion of any
/// message, and the safeguarding view of any chat. Teachers keep their own moderation in
/// MessageService.DeleteAsync; nothing here changes it.
/// </summary>
public sealed class ModerationService(IHallwayStore store, MessageService messages, HallwayLimits limits)
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Flags a message for the admins. Only someone who can see it may (anyone else gets
    /// message_not_found, as for an unknown id); one open report per person per message.
    /// </summary>
    public Task<ReportedMessage> ReportAsync(Caller caller, long messageId, string? reason)
    {
        var text = TextRules.OptionalText(reason, "reason", MaxReasonLength);
        if (text.Length == 0)
        {
            throw Errors.Invalid("reason", $"Say why, in 1 to {MaxReasonLength} characters.");
        }

        return store.WriteAsync(tx =>
        {
            var message = tx.GetMessage(messageId);
            if (message is null || tx.GetMember(message.ChatId, caller.Id) is null)
            {
                throw Errors.MessageNotFound();
            }

            if (message.Deleted)
            {
                throw Errors.MessageDeleted();
            }

            var id = tx.InsertReport(messageId, caller.Id, text) ?? throw Errors.AlreadyReported();
            return new ReportedMessage(tx.GetReport(id)!, message);
        });
    }

    public Task<IReadOnlyList<ReportedMessage>> ListReportsAsync(Caller caller, bool open, long? beforeId, int? limit)
    {
        AdminService.RequireAdmin(caller);
        var size = MessageRules.PageSize(limit, AdminLimits.MaxPage);
        return store.ReadAsync<IReadOnlyList<ReportedMessage>>(r =>
            [.. r.ListReports(open, beforeId, size).Select(report => new ReportedMessage(report, r.GetMessage(report.MessageId)!))]);
    }

    /// <summary>
    /// Dismisses the report, or deletes its message, which resolves every open report of that
    /// message at once (there is nothing left to decide about them).
    /// </summary>
    public Task<ReportedMessage> ResolveAsync(Caller caller, long reportId, ReportAction action)
    {
        AdminService.RequireAdmin(caller);
        if (!Enum.IsDefined(action))
        {
            throw Errors.BadRequest("Unknown report action.");
        }

        return store.WriteAsync(tx =>
        {
            var report = tx.GetReport(reportId) ?? throw Errors.ReportNotFound();
            if (!report.Open)
            {
                throw Errors.ReportResolved();
            }

            var message = tx.GetMessage(report.MessageId)!;
            IReadOnlyList<long> resolved;
            if (action == ReportAction.DeleteMessage)
            {
                if (!message.Deleted)
                {
                    message = MessageService.Tombstone(tx, message, caller.Id);
                }

                resolved = tx.ResolveReports(report.MessageId, null, caller.Id, action);
            }
            else
            {
                resolved = tx.ResolveReports(report.MessageId, reportId, caller.Id, action);
            }

            Audit.Write(tx, caller, AuditActions.ReportResolved, AuditTargets.Report, reportId, ("action", Names.Of(action)), ("messageId", report.MessageId), ("chatId", report.ChatId), ("reportsResolved", resolved.Count));
            return new ReportedMessage(tx.GetReport(reportId)!, message);
        });
    }

    /// <summary>An admin deletes any message, in any chat (audited by ModerateDeleteAsync).</summary>
    public Task<Message> DeleteMessageAsync(Caller caller, long messageId)
    {
        AdminService.RequireAdmin(caller);
        return messages.ModerateDeleteAsync(caller, messageId);
    }

    /// <summary>
    /// The whole history of any chat, oldest first, with its members and their names, for
    /// <c>hallway admin export</c>: one consistent snapshot and one audit row (chat.exported).
    /// </summary>
    public Task<ChatExport> ExportChatAsync(Caller caller, long chatId)
    {
        AdminService.RequireAdmin(caller);
        return store.WriteAsync(tx =>
        {
            var chat = tx.GetChat(chatId) ?? throw Errors.ChatNotFound();
            var messages = new List<Message>();
            long? before = null;
            while (true)
            {
                var page = tx.History(chatId, before, null, limits.MaxPageSize);
                messages.AddRange(page);
                if (page.Count < limits.MaxPageSize)
                {
                    break;
                }

                before = page.Min(m => m.Seq);
            }

            messages.Sort((a, b) => a.Seq.CompareTo(b.Seq));
            var members = tx.ListMembers(chatId);
            var people = tx.GetUsers([.. members.Select(m => m.UserId).Concat(messages.Select(m => m.SenderId)).Distinct()]);
            Audit.Write(tx, caller, AuditActions.ChatExported, AuditTargets.Chat, chatId, ("kind", Names.Of(chat.Kind)), ("messages", messages.Count));
            return new ChatExport(chat, members, people, messages);
        });
    }

    /// <summary>
    /// Reads a page of any chat, direct ones too, newest first like history (before = a seq). The
    /// admin does not join it and moves no read marker; every reading is audited (chat.viewed), so
    /// the people of a school can know that looking is recorded.
    /// </summary>
    public Task<ChatReading> ReadChatAsync(Caller caller, long chatId, long? beforeSeq, int? limit)
    {
        AdminService.RequireAdmin(caller);
        var size = MessageRules.PageSize(limit, limits.MaxPageSize);
        return store.WriteAsync(tx =>
        {
            var chat = tx.GetChat(chatId) ?? throw Errors.ChatNotFound();
            var rows = tx.History(chatId, beforeSeq, null, size + 1);
            var hasMore = rows.Count > size;
            IReadOnlyList<Message> page = hasMore ? [.. rows.Skip(1)] : rows;
            Audit.Write(
                tx,
                caller,
                AuditActions.ChatViewed,
                AuditTargets.Chat,
                chatId,
                ("kind", Names.Of(chat.Kind)),
                ("before", beforeSeq),
                ("messages", page.Count));
            return new ChatReading(chat, tx.ListMembers(chatId), page, hasMore);
        });
    }
}
