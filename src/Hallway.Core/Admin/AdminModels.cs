using System.Text.Json.Serialization;
using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Messages;

namespace Hallway.Core.Admin;

/// <summary>A user as an admin sees them: with the account's state, which other users never see.</summary>
/// <summary>A user as an admin sees them: whether the account is disabled, and whether it signs in with two steps.</summary>
public sealed record AdminUser(User User, bool Disabled, bool TwoFactor);

/// <summary>
/// A page of the admin's user list, by id: <paramref name="Text"/> matches the username or display
/// name ("" for everyone); <paramref name="After"/> is the last id of the previous page.
/// </summary>
public sealed record AdminUserQuery(string Text, UserRole? Role, bool? Disabled, long After, int Limit);

/// <summary>Whether an account may sign in, and whether an admin removed it.</summary>
public sealed record AccountState(bool Disabled, bool Deleted);

/// <summary>A group or channel with its size and owner, for admins who need not be in it.</summary>
public sealed record AdminGroup(Chat Chat, long MemberCount, long? OwnerId);

/// <summary>A chat's whole history for an export: the chat, its members, everyone named, messages oldest first.</summary>
public sealed record ChatExport(Chat Chat, IReadOnlyList<ChatMember> Members, IReadOnlyList<User> People, IReadOnlyList<Message> Messages);

/// <summary>What the server holds, counted for the status page.</summary>
public sealed record ServerCounts(long Users, long Guests, long DisabledUsers, long Groups, long Messages);

/// <summary>What an admin decided about a report.</summary>
[JsonConverter(typeof(StrictEnumConverter<ReportAction>))]
public enum ReportAction
{
    /// <summary>Nothing wrong: the message stays.</summary>
    [JsonStringEnumMemberName("dismiss")]
    Dismiss,

    /// <summary>The message is deleted (a tombstone), and every open report of it is resolved with it.</summary>
    [JsonStringEnumMemberName("delete_message")]
    DeleteMessage,
}

/// <summary>A person's report of a message, open until an admin resolves it.</summary>
public sealed record Report(
    long Id,
    long MessageId,
    long ChatId,
    long ReporterId,
    string Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    long? ResolvedBy,
    ReportAction? Resolution)
{
    public bool Open => ResolvedAt is null;
}

/// <summary>How long the server keeps messages and their files; 0 keeps them forever.</summary>
public sealed record RetentionSettings(int MessageDays, int FileDays);

/// <summary>What one retention sweep removed.</summary>
public sealed record RetentionResult(int MessagesDeleted, int MessagesStripped, int SessionsPurged, int InvitesAndResetsPurged = 0);
