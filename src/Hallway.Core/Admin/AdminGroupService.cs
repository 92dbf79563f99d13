using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Events;
using Hallway.Core.Storage;

namespace Hallway.Core.Admin;

/// <summary>
/// Admins manage groups and channels they need not be in: list them, make one for someone (a
/// teacher's class), and set or remove members, ownership included. Only groups and channels:
/// direct chats belong to their two people and the Lobby to everyone.
/// </summary>
public sealed class AdminGroupService(IHallwayStore store, HallwayLimits limits)
{
    private static readonly CoreJsonContext J = CoreJsonContext.Default;

    public Task<IReadOnlyList<AdminGroup>> ListAsync(Caller caller)
    {
        AdminService.RequireAdmin(caller);
        return store.ReadAsync(r => r.ListGroups());
    }

    /// <summary>
    /// Creates a group or channel owned by <paramref name="ownerId"/> (default: the calling admin;
    /// the operator, who is nobody, must name one). The admin is a member only if named.
    /// </summary>
    public Task<AdminGroup> CreateAsync(Caller caller, ChatKind kind, string? title, string? description, long? ownerId, IReadOnlyCollection<long>? memberIds)
    {
        AdminService.RequireAdmin(caller);
        if (kind is not (ChatKind.Group or ChatKind.Channel))
        {
            throw Errors.NotAllowedForChatKind("Only groups and channels can be created this way.");
        }

        var owner = ownerId ?? (caller.IsOperator ? throw Errors.Invalid("owner", "Name the group's owner (ownerId).") : caller.Id);
        var (cleanTitle, cleanDescription, members) = ChatService.ValidateNewGroup(title, description, owner, memberIds, limits);
        return store.WriteAsync(tx =>
        {
            foreach (var id in members.Prepend(owner))
            {
                AdminService.RequireAccount(tx, id);
            }

            var chatId = ChatService.InsertGroup(tx, kind, cleanTitle, cleanDescription, caller.IsOperator ? null : caller.Id, owner, members);
            Audit.Write(tx, caller, AuditActions.GroupCreated, AuditTargets.Chat, chatId, ("kind", Names.Of(kind)), ("title", cleanTitle), ("ownerId", owner), ("members", members.Length + 1));
            return new AdminGroup(tx.GetChat(chatId)!, members.Length + 1, owner);
        });
    }

    /// <summary>
    /// Adds the user with that role, or changes their role. Making someone owner hands ownership
    /// over: the old owner becomes an admin. The owner's own role changes only that way, so a
    /// group always has one. Setting the role someone has changes nothing.
    /// </summary>
    public Task<IReadOnlyList<ChatMember>> SetMemberAsync(Caller caller, long chatId, long userId, MemberRole role) =>
        store.WriteAsync(tx =>
        {
            AdminService.RequireAdmin(caller);
            RequireGroup(tx, chatId);
            AdminService.RequireAccount(tx, userId);
            var current = tx.GetMember(chatId, userId);
            if (current?.Role == role)
            {
                return tx.ListMembers(chatId);
            }

            if (current?.Role == MemberRole.Owner)
            {
                throw Errors.Invalid("role", "The owner stays owner until someone else is made owner.");
            }

            if (role == MemberRole.Owner && tx.ListMembers(chatId).FirstOrDefault(m => m.Role == MemberRole.Owner) is { } previous)
            {
                tx.SetRole(chatId, previous.UserId, MemberRole.Admin);
                EventLog.ToChat(tx, chatId, EventTypes.MemberRoleChanged, new MemberPayload(chatId, previous.UserId, MemberRole.Admin, caller.Id), J.MemberPayload);
            }

            if (current is null)
            {
                if (tx.MemberIds(chatId).Length + 1 > limits.MaxGroupMembers)
                {
                    throw Errors.Invalid("members", $"A chat has at most {limits.MaxGroupMembers} members.");
                }

                tx.InsertMember(chatId, userId, role);
                EventLog.ToChat(tx, chatId, EventTypes.MemberJoined, new MemberPayload(chatId, userId, role, caller.Id), J.MemberPayload);
            }
            else
            {
                tx.SetRole(chatId, userId, role);
                EventLog.ToChat(tx, chatId, EventTypes.MemberRoleChanged, new MemberPayload(chatId, userId, role, caller.Id), J.MemberPayload);
            }

            Audit.Write(tx, caller, AuditActions.GroupMemberSet, AuditTargets.Chat, chatId, ("userId", userId), ("role", Names.Of(role)), ("previousRole", current is null ? null : Names.Of(current.Role)));
            return tx.ListMembers(chatId);
        });

    /// <summary>
    /// A group's or channel's members, for managing them without joining. Not audited: who is in a
    /// group is what the groups list already counts, not what anyone said (that is chat.viewed).
    /// </summary>
    public Task<IReadOnlyList<ChatMember>> MembersAsync(Caller caller, long chatId) =>
        store.ReadAsync(r =>
        {
            AdminService.RequireAdmin(caller);
            RequireGroup(r, chatId);
            return r.ListMembers(chatId);
        });

    /// <summary>Removes a member as their owner could; removing the owner hands the group on as leaving does.</summary>
    public Task RemoveMemberAsync(Caller caller, long chatId, long userId) =>
        store.WriteAsync(tx =>
        {
            AdminService.RequireAdmin(caller);
            RequireGroup(tx, chatId);
            var member = tx.GetMember(chatId, userId) ?? throw Errors.MemberNotFound();
            tx.DeleteMember(chatId, userId);
            EventLog.ToChat(tx, chatId, EventTypes.MemberLeft, new MemberPayload(chatId, userId, member.Role, caller.Id), J.MemberPayload);
            EventLog.ToUser(tx, userId, EventTypes.ChatRemoved, new ChatRefPayload(chatId), J.ChatRefPayload);
            if (member.Role == MemberRole.Owner)
            {
                ChatService.HandOver(tx, chatId, caller.Id);
            }

            Audit.Write(tx, caller, AuditActions.GroupMemberRemoved, AuditTargets.Chat, chatId, ("userId", userId), ("role", Names.Of(member.Role)));
            return 0;
        });

    private static Chat RequireGroup(IReadTx r, long chatId)
    {
        var chat = r.GetChat(chatId) ?? throw Errors.ChatNotFound();
        if (chat.Kind is not (ChatKind.Group or ChatKind.Channel))
        {
            throw Errors.NotAllowedForChatKind("Admins manage the members of groups and channels only.");
        }

        return chat;
    }
}
