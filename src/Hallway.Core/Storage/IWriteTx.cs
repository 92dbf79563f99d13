using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Chats;
using Hallway.Core.Events;
using Hallway.Core.Files;
using Hallway.Core.Messages;

namespace Hallway.Core.Storage;

/// <summary>Changes; only inside <see cref="IHallwayStore.WriteAsync{T}"/>.</summary>
public interface IWriteTx : IReadTx
{
    DateTimeOffset Now { get; }

    /// <returns>The new user's id, or null when the username key is taken.</returns>
    long? InsertUser(NewUser user);

    void UpdateProfile(long userId, string displayName, string about);

    void UpdatePasswordHash(long userId, string passwordHash);

    void SetPrivacy(long userId, Privacy privacy);

    void SetUserRole(long userId, UserRole role);

    void SetSetting(string key, string value);

    void SetLastSeen(long userId, DateTimeOffset at);

    long InsertSession(long userId, byte[] tokenHash, DateTimeOffset expiresAt, string? userAgent, string? address);

    void TouchSession(long sessionId, DateTimeOffset expiresAt);

    /// <returns>The ids deleted (only sessions of <paramref name="userId"/>).</returns>
    IReadOnlyList<long> DeleteSessions(long userId, IReadOnlyCollection<long> sessionIds);

    /// <returns>The ids of the user's sessions other than <paramref name="keepSessionId"/>.</returns>
    IReadOnlyList<long> OtherSessions(long userId, long keepSessionId);

    /// <returns>The ids of the user's oldest sessions beyond the newest <paramref name="keep"/>.</returns>
    IReadOnlyList<long> SessionsBeyond(long userId, int keep);

    /// <summary>Sessions past their expiry, oldest first.</summary>
    IReadOnlyList<(long UserId, long SessionId)> ExpiredSessions(int limit);

    /// <summary>Stores a new secret waiting for its first code (replacing any earlier pending one).</summary>
    void SetTwoFactorPending(long userId, byte[] secret);

    /// <summary>Turns the pending secret on, remembering the step of the code that confirmed it.</summary>
    void EnableTwoFactor(long userId, long usedStep);

    /// <returns>False when <paramref name="step"/> is not after the last used one (a replay).</returns>
    bool UseTwoFactorStep(long userId, long step);

    bool DeleteTwoFactor(long userId);

    void ReplaceRecoveryCodes(long userId, IReadOnlyCollection<byte[]> codeHashes);

    /// <returns>True when the code was one of the user's unused ones (it is now used).</returns>
    bool UseRecoveryCode(long userId, byte[] codeHash);

    long InsertInvite(NewInvite invite);

    /// <summary>Counts one use of a live invite (not revoked, not expired at <see cref="Now"/>, uses left).</summary>
    /// <returns>The role it gives, or null when the code admits nobody.</returns>
    UserRole? UseInvite(byte[] codeHash);

    /// <returns>False for an unknown invite; revoking twice keeps the first time.</returns>
    bool RevokeInvite(long inviteId);

    /// <summary>
    /// Deletes invites that ended (expired, revoked or used up) before <paramref name="endedBefore"/>,
    /// and reset links that expired before <paramref name="now"/>; returns how many rows went.
    /// </summary>
    int PurgeEndedInvitesAndResets(DateTimeOffset endedBefore, DateTimeOffset now);

    /// <summary>Stores the user's reset link, replacing any older one.</summary>
    void SetPasswordReset(long userId, byte[] tokenHash, long createdBy, DateTimeOffset expiresAt);

    /// <summary>Deletes the link and returns its user when it had not expired at <see cref="Now"/>; else null.</summary>
    long? UsePasswordReset(byte[] tokenHash);

    bool AddContact(long ownerId, long contactId);

    bool RemoveContact(long ownerId, long contactId);

    long InsertChat(NewChat chat);

    void UpdateChat(long chatId, string title, string description);

    /// <summary>Allocates the chat's next message sequence number.</summary>
    long NextSeq(long chatId);

    void InsertMember(long chatId, long userId, MemberRole role);

    bool DeleteMember(long chatId, long userId);

    void SetRole(long chatId, long userId, MemberRole role);

    void SetMuted(long chatId, long userId, bool muted);

    void SetHidden(long chatId, long userId, bool hidden);

    /// <summary>Un-hides the chat for every member that hid it; returns how many.</summary>
    int UnhideAll(long chatId);

    /// <returns>True when the marker moved forward (it never moves back).</returns>
    bool AdvanceRead(long chatId, long userId, long seq);

    long InsertMessage(NewMessage message);

    void EditMessage(long messageId, string text);

    void TombstoneMessage(long messageId, long deletedBy);

    bool AddReaction(long messageId, long userId, string emoji);

    bool RemoveReaction(long messageId, long userId, string emoji);

    long InsertFile(NewFile file);

    /// <summary>Links files to a new message in order; a custom sticker's file at position -1.</summary>
    void AttachFiles(long messageId, IReadOnlyList<long> fileIds, long? stickerFileId);

    void SetUserAvatar(long userId, long? fileId);

    void SetChatAvatar(long chatId, long? fileId);

    bool AddSticker(long userId, long fileId);

    bool RemoveSticker(long userId, long fileId);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> file rows created before <paramref name="createdBefore"/>
    /// that no message, avatar or sticker refers to.
    /// </summary>
    /// <returns>How many rows went, and the blobs (file and preview hashes) no remaining row names.</returns>
    (int Deleted, IReadOnlyList<string> FreedBlobs) DeleteOrphanFiles(DateTimeOffset createdBefore, int limit);

    /// <summary>Appends to the event log; published to the sink after the commit.</summary>
    StoredEvent AppendEvent(long? chatId, long? userId, string type, string payloadJson);

    // Administration

    void SetDisabled(long userId, bool disabled);

    /// <summary>
    /// Turns an account into a removed one: the new (unique, unusable) username key and names, no
    /// about text, avatar, password, contacts, stickers or privacy choices, disabled, a student,
    /// and marked removed. Messages, memberships and sessions are the caller's to handle.
    /// </summary>
    void AnonymiseUser(long userId, string usernameKey, string username, string displayName);

    long InsertAudit(NewAuditEntry entry);

    /// <returns>The new report's id, or null when the reporter already has an open report of the message.</returns>
    long? InsertReport(long messageId, long reporterId, string reason);

    /// <summary>Resolves the open reports of a message (or just <paramref name="reportId"/>); returns their ids.</summary>
    IReadOnlyList<long> ResolveReports(long messageId, long? reportId, long resolvedBy, ReportAction resolution);

    /// <summary>Unlinks a message's attachments (not its sticker): they become orphans for the file sweep.</summary>
    void DetachFiles(long messageId);
}
