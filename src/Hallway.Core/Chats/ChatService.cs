using Hallway.Core.Accounts;
using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Core.Files;
using Hallway.Core.Storage;

namespace Hallway.Core.Chats;

/// <summary>Direct chats, groups, channels and the Lobby: who is in them and how they are set up.</summary>
public sealed class ChatService(IHallwayStore store, HallwayLimits limits)
{
    private static readonly CoreJsonContext J = CoreJsonContext.Default;

    public Task<IReadOnlyList<ChatSummary>> ListAsync(Caller caller) =>
        store.ReadAsync(r => r.ListChats(caller.Id));

    public Task<ChatSummary> GetAsync(Caller caller, long chatId) =>
        store.ReadAsync(r =>
        {
            Access.RequireMember(r, chatId, caller.Id);
            return r.GetChatSummary(chatId, caller.Id)!;
        });

    public Task<IReadOnlyList<ChatMember>> MembersAsync(Caller caller, long chatId) =>
        store.ReadAsync(r =>
        {
            Access.RequireMember(r, chatId, caller.Id);
            return r.ListMembers(chatId);
        });

    /// <summary>The one direct chat between the caller and <paramref name="peerId"/>, made on first use.</summary>
    public Task<ChatSummary> OpenDirectAsync(Caller caller, long peerId) =>
        store.WriteAsync(tx =>
        {
            var peer = tx.GetUser(peerId) ?? throw Errors.UserNotFound();
            PrivacyRules.RequireCanMessage(tx, caller.Id, peer.Id);
            var key = DirectKey(caller.Id, peer.Id);
            var existing = tx.FindDirectChat(key);
            if (existing is null && IsRemoved(tx, peer.Id))
            {
                // An old conversation with a removed account still opens; a new one has nobody to reach.
                throw Errors.UserNotFound();
            }

            if (existing is long chatId)
            {
                if (tx.GetMember(chatId, caller.Id) is { Hidden: true })
                {
                    tx.SetHidden(chatId, caller.Id, false);
                    EventLog.ToUser(tx, caller.Id, EventTypes.ChatUnhidden, new ChatRefPayload(chatId), J.ChatRefPayload);
                }

                return tx.GetChatSummary(chatId, caller.Id)!;
            }

            var id = tx.InsertChat(new NewChat(ChatKind.Direct, string.Empty, string.Empty, caller.Id, key, tx.Now));
            tx.InsertMember(id, caller.Id, MemberRole.Member);
            if (peer.Id != caller.Id)
            {
                tx.InsertMember(id, peer.Id, MemberRole.Member);
            }

            EventLog.ToChat(tx, id, EventTypes.ChatCreated, new ChatPayload(tx.GetChat(id)!), J.ChatPayload);
            return tx.GetChatSummary(id, caller.Id)!;
        });

    /// <summary>Creates a group or channel owned by the caller, with the given first members.</summary>
    public Task<ChatSummary> CreateAsync(Caller caller, ChatKind kind, string? title, string? description, IReadOnlyCollection<long>? memberIds)
    {
        if (kind is not (ChatKind.Group or ChatKind.Channel))
        {
            throw Errors.NotAllowedForChatKind("Only groups and channels can be created this way.");
        }

        var (cleanTitle, cleanDescription, members) = ValidateNewGroup(title, description, caller.Id, memberIds, limits);
        return store.WriteAsync(tx =>
        {
            if (tx.GetUsers(members).Count != members.Length || members.Any(id => IsRemoved(tx, id)))
            {
                throw Errors.UserNotFound();
            }

            var id = InsertGroup(tx, kind, cleanTitle, cleanDescription, caller.Id, caller.Id, members);
            return tx.GetChatSummary(id, caller.Id)!;
        });
    }

    /// <summary>
    /// The rules of a new group or channel, shared with the admins' group creation: title,
    /// description, and the first members besides the owner (duplicates dropped) within the limit.
    /// </summary>
    internal static (string Title, string Description, long[] Members) ValidateNewGroup(string? title, string? description, long ownerId, IReadOnlyCollection<long>? memberIds, HallwayLimits limits)
    {
        var cleanTitle = TextRules.RequireLine(title, "title", 1, 100);
        var cleanDescription = TextRules.OptionalText(description, "description", 1000);
        var members = (memberIds ?? []).Where(id => id != ownerId).Distinct().ToArray();
        if (members.Length + 1 > limits.MaxGroupMembers)
        {
            throw Errors.Invalid("members", $"A chat has at most {limits.MaxGroupMembers} members.");
        }

        return (cleanTitle, cleanDescription, members);
    }

    /// <summary>Creates the chat with its owner and first members, and tells them all (chat.created).</summary>
    internal static long InsertGroup(IWriteTx tx, ChatKind kind, string title, string description, long? createdBy, long ownerId, long[] members)
    {
        var id = tx.InsertChat(new NewChat(kind, title, description, createdBy, null, tx.Now));
        tx.InsertMember(id, ownerId, MemberRole.Owner);
        foreach (var member in members)
        {
            tx.InsertMember(id, member, MemberRole.Member);
        }

        EventLog.ToChat(tx, id, EventTypes.ChatCreated, new ChatPayload(tx.GetChat(id)!), J.ChatPayload);
        return id;
    }

    public Task<Chat> UpdateAsync(Caller caller, long chatId, string? title, string? description) =>
        store.WriteAsync(tx =>
        {
            var chat = RequireManager(tx, caller, chatId, "be renamed");
            var newTitle = title is null ? chat.Title : TextRules.RequireLine(title, "title", 1, 100);
            var newDescription = description is null ? chat.Description : TextRules.OptionalText(description, "description", 1000);
            if (newTitle == chat.Title && newDescription == chat.Description)
            {
                return chat;
            }

            tx.UpdateChat(chatId, newTitle, newDescription);
            var updated = tx.GetChat(chatId)!;
            EventLog.ToChat(tx, chatId, EventTypes.ChatUpdated, new ChatPayload(updated), J.ChatPayload);
            return updated;
        });

    /// <summary>A group's or channel's picture: an image the caller (a chat admin) uploaded, or none (null).</summary>
    public Task<Chat> SetAvatarAsync(Caller caller, long chatId, long? fileId) =>
        store.WriteAsync(tx =>
        {
            var chat = RequireManager(tx, caller, chatId, "have a picture");
            if (fileId is long id)
            {
                FileRules.RequireOwnImage(tx, caller.Id, id);
            }

            if (chat.AvatarId == fileId)
            {
                return chat;
            }

            tx.SetChatAvatar(chatId, fileId);
            var updated = tx.GetChat(chatId)!;
            EventLog.ToChat(tx, chatId, EventTypes.ChatUpdated, new ChatPayload(updated), J.ChatPayload);
            return updated;
        });

    public Task<IReadOnlyList<ChatMember>> AddMembersAsync(Caller caller, long chatId, IReadOnlyCollection<long> userIds)
    {
        var ids = userIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            throw Errors.Invalid("members", "Name at least one user to add.");
        }

        return store.WriteAsync(tx =>
        {
            var chat = RequireManager(tx, caller, chatId, "have members added");
            if (chat.Kind == ChatKind.Lobby)
            {
                throw Errors.NotAllowedForChatKind("Everyone is in the Lobby already.");
            }

            if (tx.GetUsers(ids).Count != ids.Length || ids.Any(id => IsRemoved(tx, id)))
            {
                throw Errors.UserNotFound();
            }

            var fresh = ids.Where(id => tx.GetMember(chatId, id) is null).ToArray();
            if (fresh.Length == 0)
            {
                throw Errors.AlreadyMember();
            }

            if (tx.MemberIds(chatId).Length + fresh.Length > limits.MaxGroupMembers)
            {
                throw Errors.Invalid("members", $"A chat has at most {limits.MaxGroupMembers} members.");
            }

            foreach (var id in fresh)
            {
                tx.InsertMember(chatId, id, MemberRole.Member);
                EventLog.ToChat(tx, chatId, EventTypes.MemberJoined, new MemberPayload(chatId, id, MemberRole.Member, caller.Id), J.MemberPayload);
            }

            return tx.ListMembers(chatId);
        });
    }

    /// <summary>Removes a member; removing yourself is leaving. The owner leaving hands the chat on.</summary>
    public Task RemoveMemberAsync(Caller caller, long chatId, long userId) =>
        store.WriteAsync(tx =>
        {
            var (chat, me) = Access.RequireMember(tx, chatId, caller.Id);
            Access.RequireManagedKind(chat, "be left; hide them instead");
            if (chat.Kind == ChatKind.Lobby)
            {
                throw Errors.NotAllowedForChatKind("Nobody leaves the Lobby.");
            }

            var target = userId == caller.Id ? me : tx.GetMember(chatId, userId) ?? throw Errors.MemberNotFound();
            if (userId != caller.Id && !CanManage(me, target))
            {
                throw me.IsChatAdmin ? Errors.NotOwner() : Errors.NotChatAdmin();
            }

            tx.DeleteMember(chatId, userId);
            EventLog.ToChat(tx, chatId, EventTypes.MemberLeft, new MemberPayload(chatId, userId, target.Role, caller.Id), J.MemberPayload);
            EventLog.ToUser(tx, userId, EventTypes.ChatRemoved, new ChatRefPayload(chatId), J.ChatRefPayload);
            if (target.Role == MemberRole.Owner)
            {
                HandOver(tx, chatId, caller.Id);
            }

            return 0;
        });

    /// <summary>Only the owner makes or unmakes admins; ownership itself moves only when the owner leaves.</summary>
    public Task SetRoleAsync(Caller caller, long chatId, long userId, MemberRole role) =>
        store.WriteAsync(tx =>
        {
            var (chat, me) = Access.RequireMember(tx, chatId, caller.Id);
            Access.RequireManagedKind(chat, "have roles");
            if (me.Role != MemberRole.Owner && !(chat.Kind == ChatKind.Lobby && caller.User.IsAdmin))
            {
                throw Errors.NotOwner();
            }

            var target = tx.GetMember(chatId, userId) ?? throw Errors.MemberNotFound();
            if (role == MemberRole.Owner || target.Role == MemberRole.Owner)
            {
                throw Errors.Invalid("role", "The owner's role cannot be given or taken; the owner may leave.");
            }

            if (target.Role != role)
            {
                tx.SetRole(chatId, userId, role);
                EventLog.ToChat(tx, chatId, EventTypes.MemberRoleChanged, new MemberPayload(chatId, userId, role, caller.Id), J.MemberPayload);
            }

            return 0;
        });

    public Task MuteAsync(Caller caller, long chatId, bool muted) =>
        store.WriteAsync(tx =>
        {
            var (_, member) = Access.RequireMember(tx, chatId, caller.Id);
            if (member.Muted == muted)
            {
                return 0;
            }

            tx.SetMuted(chatId, caller.Id, muted);
            EventLog.ToUser(tx, caller.Id, EventTypes.ChatMuted, new ChatMutedPayload(chatId, muted), J.ChatMutedPayload);
            return 0;
        });

    /// <summary>Hides a direct chat from the caller's list until a new message arrives in it.</summary>
    public Task HideAsync(Caller caller, long chatId) =>
        store.WriteAsync(tx =>
        {
            var (chat, member) = Access.RequireMember(tx, chatId, caller.Id);
            if (chat.Kind != ChatKind.Direct)
            {
                throw Errors.NotAllowedForChatKind("Only direct chats can be deleted for yourself; leave groups instead.");
            }

            if (member.Hidden)
            {
                return 0;
            }

            tx.SetHidden(chatId, caller.Id, true);
            EventLog.ToUser(tx, caller.Id, EventTypes.ChatHidden, new ChatRefPayload(chatId), J.ChatRefPayload);
            return 0;
        });

    /// <summary>An account an admin removed: its row stays for its messages, but nobody can add or newly reach it.</summary>
    internal static bool IsRemoved(IReadTx r, long userId) => r.GetAccountState(userId) is { Deleted: true };

    public static string DirectKey(long a, long b) => a < b ? $"{a}:{b}" : $"{b}:{a}";

    /// <summary>
    /// Chat admins manage their chat; server admins manage the Lobby. The kind is checked first, so
    /// a direct chat answers wrong_chat_kind to everyone.
    /// </summary>
    private static Chat RequireManager(IReadTx r, Caller caller, long chatId, string what)
    {
        var (chat, member) = Access.RequireMember(r, chatId, caller.Id);
        Access.RequireManagedKind(chat, what);
        if (!member.IsChatAdmin && !(chat.Kind == ChatKind.Lobby && caller.User.IsAdmin))
        {
            throw Errors.NotChatAdmin();
        }

        return chat;
    }

    /// <summary>Owners manage everyone; admins manage plain members.</summary>
    private static bool CanManage(Member actor, Member target) =>
        actor.Role == MemberRole.Owner || (actor.Role == MemberRole.Admin && target.Role == MemberRole.Member);

    /// <summary>The longest-serving admin, else the longest-serving member, becomes owner.</summary>
    internal static void HandOver(IWriteTx tx, long chatId, long actorId)
    {
        var heir = tx.ListMembers(chatId)
            .OrderByDescending(m => m.Role)
            .ThenBy(m => m.JoinedAt)
            .ThenBy(m => m.UserId)
            .FirstOrDefault();
        if (heir is not null)
        {
            tx.SetRole(chatId, heir.UserId, MemberRole.Owner);
            EventLog.ToChat(tx, chatId, EventTypes.MemberRoleChanged, new MemberPayload(chatId, heir.UserId, MemberRole.Owner, actorId), J.MemberPayload);
        }
    }
}
