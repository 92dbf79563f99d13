namespace Hallway.Core.Events;

/// <summary>The event types of the log; each is documented in docs/PROTOCOL.md with its payload.</summary>
public static class EventTypes
{
    // Chat-scoped: every member of the chat receives them.
    public const string MessageCreated = "message.created";
    public const string MessageEdited = "message.edited";
    public const string MessageDeleted = "message.deleted";
    public const string ReactionAdded = "reaction.added";
    public const string ReactionRemoved = "reaction.removed";
    public const string ReadUpdated = "read.updated";
    public const string ChatCreated = "chat.created";
    public const string ChatUpdated = "chat.updated";
    public const string MemberJoined = "member.joined";
    public const string MemberLeft = "member.left";
    public const string MemberRoleChanged = "member.role";

    /// <summary>A profile changed; sent to the Lobby, which every account is in.</summary>
    public const string UserUpdated = "user.updated";

    // User-scoped: only the sessions of one user receive them.
    public const string ChatRemoved = "chat.removed";
    public const string ChatMuted = "chat.muted";
    public const string ChatHidden = "chat.hidden";
    public const string ChatUnhidden = "chat.unhidden";
    public const string SessionRevoked = "session.revoked";
    public const string PrivacyUpdated = "privacy.updated";

    /// <summary>Types after which the fan-out's membership snapshot of the chat is stale.</summary>
    public static bool ChangesMembership(string type) =>
        type is MemberJoined or MemberLeft or ChatCreated;
}
