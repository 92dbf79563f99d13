using Hallway.Core.Files;

namespace Hallway.Core.Messages;

/// <summary>
/// A message as clients see it. A deleted message is a tombstone: its text is empty, its reactions
/// are gone and <see cref="DeletedAt"/> is set; it keeps its place (id and seq) in the chat.
/// </summary>
public sealed record Message(
    long Id,
    long ChatId,
    long Seq,
    long SenderId,
    string ClientId,
    string Text,
    long? ReplyToId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? DeletedAt,
    long? DeletedBy,
    IReadOnlyList<Reaction> Reactions,
    IReadOnlyList<Attachment> Attachments,
    string? Sticker)
{
    public bool Deleted => DeletedAt is not null;
}

/// <summary>One emoji on a message and who put it there, in the order they did.</summary>
public sealed record Reaction(string Emoji, IReadOnlyList<long> UserIds);

public sealed record NewMessage(
    long ChatId,
    long Seq,
    long SenderId,
    string ClientId,
    string Text,
    long? ReplyToId,
    DateTimeOffset CreatedAt,
    string? Sticker = null,
    int FileCount = 0);
