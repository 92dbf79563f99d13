using Hallway.Core.Accounts;
using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Core.Messages;
using Hallway.Core.Storage;

namespace Hallway.Core.Admin;

/// <summary>
/// Applies the retention settings: messages older than <c>retention.messageDays</c> become
/// tombstones, and messages older than <c>retention.fileDays</c> lose their attachments (which the
/// file sweep then removes as orphans); expired sessions are purged too. Each change reaches clients
/// as the same event a person's action would send (message.deleted, message.edited). The server runs
/// it on a timer; the command line may run it once.
/// </summary>
public sealed class RetentionService(IHallwayStore store, AccountService accounts)
{
    private const int Batch = 200;

    public static readonly TimeSpan EndedInvitesKept = TimeSpan.FromDays(30);
    private static readonly CoreJsonContext J = CoreJsonContext.Default;

    /// <summary>One sweep as of <paramref name="now"/>, in short write batches so senders never wait long.</summary>
    public async Task<RetentionResult> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var settings = await store.ReadAsync(ServerSettings.Retention, cancellationToken);
        var deleted = 0;
        var stripped = 0;
        if (settings.MessageDays > 0)
        {
            var cutoff = now - TimeSpan.FromDays(settings.MessageDays);
            int count;
            do
            {
                count = await store.WriteAsync(tx => DeleteBatch(tx, cutoff), cancellationToken);
                deleted += count;
            }
            while (count == Batch);
        }

        if (settings.FileDays > 0)
        {
            var cutoff = now - TimeSpan.FromDays(settings.FileDays);
            int count;
            do
            {
                var (strippedNow, deletedNow, seen) = await store.WriteAsync(tx => StripBatch(tx, cutoff), cancellationToken);
                stripped += strippedNow;
                deleted += deletedNow;
                count = seen;
            }
            while (count == Batch);
        }

        if (deleted + stripped > 0)
        {
            await store.WriteAsync(
                tx =>
                {
                    Audit.Write(tx, Caller.Operator, AuditActions.RetentionSwept, AuditTargets.Settings, null, ("messagesDeleted", deleted), ("messagesStripped", stripped), ("messageDays", settings.MessageDays), ("fileDays", settings.FileDays));
                    return 0;
                },
                cancellationToken);
        }

        var sessions = await accounts.PurgeExpiredSessionsAsync();

        // Ended invites stay listed for a month, so an admin can still see what became of one.
        var ended = await store.WriteAsync(tx => tx.PurgeEndedInvitesAndResets(now - EndedInvitesKept, now), cancellationToken);
        return new RetentionResult(deleted, stripped, sessions, ended);
    }

    private static int DeleteBatch(IWriteTx tx, DateTimeOffset cutoff)
    {
        var old = tx.MessagesCreatedBefore(cutoff, Batch);
        foreach (var message in old)
        {
            MessageService.Tombstone(tx, message, Caller.OperatorId);
        }

        return old.Count;
    }

    /// <summary>A message with a caption keeps it (message.edited); one that was only files becomes a tombstone.</summary>
    private static (int Stripped, int Deleted, int Seen) StripBatch(IWriteTx tx, DateTimeOffset cutoff)
    {
        var old = tx.MessagesWithFilesCreatedBefore(cutoff, Batch);
        int stripped = 0, deleted = 0;
        foreach (var message in old)
        {
            if (message.Text.Length == 0)
            {
                MessageService.Tombstone(tx, message, Caller.OperatorId);
                deleted++;
                continue;
            }

            tx.DetachFiles(message.Id);
            EventLog.ToChat(tx, message.ChatId, EventTypes.MessageEdited, new MessagePayload(tx.GetMessage(message.Id)!), J.MessagePayload);
            stripped++;
        }

        return (stripped, deleted, old.Count);
    }
}
