using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Events;
using Hallway.Core.Messages;
using Hallway.Core.Storage;

namespace Hallway.Storage.Tests.Infrastructure;

/// <summary>Builds representative rows through the store's own write API, inside a write transaction.</summary>
public static class Seed
{
    private static int _counter;

    public static long User(IWriteTx tx, string? name = null)
    {
        var username = name ?? $"user{Interlocked.Increment(ref _counter)}";
        return tx.InsertUser(new NewUser(username, UsernameRules.Key(username), username, "not-a-real-hash", UserRole.Student, tx.Now))
            ?? throw new InvalidOperationException($"Username {username} is taken.");
    }

    /// <summary>A group owned by the first user, with the others as members.</summary>
    public static long Group(IWriteTx tx, long ownerId, params long[] memberIds)
    {
        var chatId = tx.InsertChat(new NewChat(ChatKind.Group, "Group", string.Empty, ownerId, null, tx.Now));
        tx.InsertMember(chatId, ownerId, MemberRole.Owner);
        foreach (var id in memberIds)
        {
            tx.InsertMember(chatId, id, MemberRole.Member);
        }

        return chatId;
    }

    /// <summary>Sends a message the way MessageService does: next seq, the row, the sender's read marker, the event.</summary>
    public static Message Message(IWriteTx tx, long chatId, long senderId, string text, string? clientId = null, bool advanceRead = true)
    {
        var seq = tx.NextSeq(chatId);
        var id = tx.InsertMessage(new NewMessage(chatId, seq, senderId, clientId ?? Guid.NewGuid().ToString("N"), text, null, tx.Now));
        if (advanceRead)
        {
            tx.AdvanceRead(chatId, senderId, seq);
        }

        var message = tx.GetMessage(id)!;
        tx.AppendEvent(chatId, null, EventTypes.MessageCreated, $$"""{"messageId":{{id}}}""");
        return message;
    }

    public static StoredEvent UserEvent(IWriteTx tx, long userId, string type = EventTypes.UserUpdated) =>
        tx.AppendEvent(null, userId, type, $$"""{"userId":{{userId}}}""");

    public static StoredEvent ChatEvent(IWriteTx tx, long chatId, string type = EventTypes.ChatUpdated) =>
        tx.AppendEvent(chatId, null, type, $$"""{"chatId":{{chatId}}}""");
}
