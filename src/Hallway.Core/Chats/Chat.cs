using System.Text.Json.Serialization;
using Hallway.Core.Common;

namespace Hallway.Core.Chats;

[JsonConverter(typeof(StrictEnumConverter<ChatKind>))]
public enum ChatKind
{
    [JsonStringEnumMemberName("direct")]
    Direct,

    [JsonStringEnumMemberName("group")]
    Group,

    /// <summary>Announcements: only the owner and admins post.</summary>
    [JsonStringEnumMemberName("channel")]
    Channel,

    /// <summary>The one group every account is in and cannot leave.</summary>
    [JsonStringEnumMemberName("lobby")]
    Lobby,
}

[JsonConverter(typeof(StrictEnumConverter<MemberRole>))]
public enum MemberRole
{
    [JsonStringEnumMemberName("member")]
    Member,

    [JsonStringEnumMemberName("admin")]
    Admin,

    [JsonStringEnumMemberName("owner")]
    Owner,
}

public sealed record Chat(
    long Id,
    ChatKind Kind,
    string Title,
    string Description,
    long? CreatedBy,
    DateTimeOffset CreatedAt,
    long LastSeq,
    long? AvatarId);

public sealed record Member(
    long ChatId,
    long UserId,
    MemberRole Role,
    DateTimeOffset JoinedAt,
    long ReadSeq,
    bool Muted,
    bool Hidden)
{
    public bool IsChatAdmin => Role is MemberRole.Admin or MemberRole.Owner;
}

public sealed record NewChat(
    ChatKind Kind,
    string Title,
    string Description,
    long? CreatedBy,
    string? DirectKey,
    DateTimeOffset CreatedAt);

/// <summary>One row of a user's chat list.</summary>
public sealed record ChatSummary(
    Chat Chat,
    MemberRole Role,
    long ReadSeq,
    bool Muted,
    long UnreadCount,
    Messages.Message? LastMessage,
    long? PeerId);

/// <summary>A member as listed in a chat's member list.</summary>
public sealed record ChatMember(long UserId, MemberRole Role, DateTimeOffset JoinedAt, long ReadSeq);

/// <summary>Who has read a message, for "read by" in groups.</summary>
public sealed record MessageReader(long UserId, long ReadSeq);
