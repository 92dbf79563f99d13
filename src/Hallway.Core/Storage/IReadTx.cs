using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Chats;
using Hallway.Core.Events;
using Hallway.Core.Files;
using Hallway.Core.Messages;

namespace Hallway.Core.Storage;

/// <summary>Queries; usable on a read connection and inside a write transaction alike.</summary>
public interface IReadTx
{
    // Users and sessions
    User? GetUser(long id);

    User? GetUserByKey(string usernameKey);

    IReadOnlyList<User> GetUsers(IReadOnlyCollection<long> ids);

    UserCredentials? GetCredentials(long userId);

    long CountUsers();

    /// <summary>
    /// Users whose username or display name contains <paramref name="text"/>, by username, leaving
    /// out those whose <see cref="WhoCanFind"/> hides them from <paramref name="callerId"/>, and
    /// text-gateway guests unless <paramref name="guests"/>.
    /// </summary>
    IReadOnlyList<User> SearchUsers(long callerId, string text, int limit, bool guests = false);

    /// <summary>Guests of the text gateway that are not removed (disabled ones too).</summary>
    long CountGuests();

    /// <summary>
    /// Guests, not disabled and not removed, with no session (so not connected), last seen (or, never
    /// seen, created) before <paramref name="before"/>: the ones housekeeping reclaims. By id.
    /// </summary>
    IReadOnlyList<long> ListIdleGuests(DateTimeOffset before, int limit);

    /// <returns>The user's privacy settings, or null for an unknown user.</returns>
    Privacy? GetPrivacy(long userId);

    /// <summary>Whether the two are members of one group or channel (the Lobby does not count).</summary>
    bool ShareGroup(long userId, long otherId);

    long CountAdmins();

    /// <returns>A server-wide setting an admin changed (see ServerSettings), or null for its default.</returns>
    string? GetSetting(string key);

    SessionLookup? FindSession(byte[] tokenHash);

    IReadOnlyList<Session> ListSessions(long userId);

    IReadOnlyList<User> ListContacts(long ownerId);

    // Account security
    TwoFactorSecret? GetTwoFactor(long userId);

    int CountRecoveryCodes(long userId);

    /// <summary>Invites, newest first.</summary>
    IReadOnlyList<Invite> ListInvites(int limit);

    Invite? GetInvite(long inviteId);

    PasswordReset? FindPasswordReset(byte[] tokenHash);

    /// <summary>Whether <paramref name="contactId"/> is in <paramref name="ownerId"/>'s contact list.</summary>
    bool IsContact(long ownerId, long contactId);

    // Chats
    Chat? GetChat(long chatId);

    Chat? GetLobby();

    long? FindDirectChat(string directKey);

    Member? GetMember(long chatId, long userId);

    IReadOnlyList<ChatMember> ListMembers(long chatId);

    long[] MemberIds(long chatId);

    IReadOnlyList<ChatSummary> ListChats(long userId);

    ChatSummary? GetChatSummary(long chatId, long userId);

    // Messages
    Message? GetMessage(long messageId);

    Message? GetMessageByClientId(long senderId, string clientId);

    /// <summary>Messages ordered by seq ascending: the newest page, or the page before/after a seq.</summary>
    IReadOnlyList<Message> History(long chatId, long? beforeSeq, long? afterSeq, int limit);

    /// <summary>Full-text search over the non-deleted messages of the chats the user is in.</summary>
    IReadOnlyList<Message> Search(long userId, string ftsQuery, long? chatId, int limit);

    IReadOnlyList<MessageReader> Readers(long chatId, long seq, long exceptUserId);

    // Files

    StoredFile? GetFile(long fileId);

    /// <summary>
    /// The uploader; members of a chat where it was sent (or is the chat's avatar); everyone signed
    /// in for a user's avatar.
    /// </summary>
    bool CanReadFile(long userId, long fileId);

    /// <summary>The user's custom stickers, newest first.</summary>
    IReadOnlyList<Attachment> ListStickers(long userId);

    bool HasSticker(long userId, long fileId);

    /// <summary>Whether any file row names this blob, as its bytes or its preview.</summary>
    bool BlobInUse(string sha256);

    // Event log
    IReadOnlyList<StoredEvent> EventsFor(long userId, long afterId, int limit);

    long LastEventId();

    // Administration

    /// <returns>The account's state, or null for an unknown user.</returns>
    AccountState? GetAccountState(long userId);

    /// <summary>Users (guests and disabled ones too, removed ones not) by id, after <see cref="AdminUserQuery.After"/>.</summary>
    IReadOnlyList<AdminUser> ListUsersForAdmin(AdminUserQuery query);

    /// <summary>Every group and channel by id, with member counts.</summary>
    IReadOnlyList<AdminGroup> ListGroups();

    /// <summary>The groups, channels and Lobby the user is in, with their role.</summary>
    IReadOnlyList<(long ChatId, ChatKind Kind, MemberRole Role)> GroupMemberships(long userId);

    ServerCounts CountForStatus();

    /// <summary>Newest first, ids below <paramref name="beforeId"/> (null: from the newest).</summary>
    IReadOnlyList<AuditEntry> ListAudit(long? beforeId, int limit);

    Report? GetReport(long reportId);

    /// <summary>Open or resolved reports, newest first, ids below <paramref name="beforeId"/>.</summary>
    IReadOnlyList<Report> ListReports(bool open, long? beforeId, int limit);

    /// <summary>Live messages created before <paramref name="before"/>, oldest first.</summary>
    IReadOnlyList<Message> MessagesCreatedBefore(DateTimeOffset before, int limit);

    /// <summary>Live messages with attachments created before <paramref name="before"/>, oldest first.</summary>
    IReadOnlyList<Message> MessagesWithFilesCreatedBefore(DateTimeOffset before, int limit);
}
