using Hallway.Core.Common;
using Hallway.Core.Storage;

namespace Hallway.Core.Chats;

/// <summary>The membership checks every chat operation starts with.</summary>
public static class Access
{
    /// <summary>The caller's membership, or chat_not_found / not_member.</summary>
    public static (Chat Chat, Member Member) RequireMember(IReadTx r, long chatId, long userId)
    {
        var chat = r.GetChat(chatId) ?? throw Errors.ChatNotFound();
        var member = r.GetMember(chatId, userId) ?? throw Errors.NotMember();
        return (chat, member);
    }

    public static void RequireManagedKind(Chat chat, string what)
    {
        if (chat.Kind is ChatKind.Direct)
        {
            throw Errors.NotAllowedForChatKind($"Direct chats cannot {what}.");
        }
    }

    /// <summary>May this member post in this chat right now?</summary>
    public static void RequireCanPost(Chat chat, Member member)
    {
        if (chat.Kind == ChatKind.Channel && !member.IsChatAdmin)
        {
            throw Errors.ChannelReadOnly();
        }
    }
}
