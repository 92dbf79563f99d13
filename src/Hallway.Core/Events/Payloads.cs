using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Messages;

namespace Hallway.Core.Events;

// The JSON payloads of the event log. Field names are the wire contract (docs/PROTOCOL.md).

public sealed record MessagePayload(Message Message);

public sealed record MessageDeletedPayload(long ChatId, long MessageId, long Seq, long DeletedBy);

public sealed record ReactionPayload(long ChatId, long MessageId, long UserId, string Emoji);

public sealed record ReadPayload(long ChatId, long UserId, long Seq);

public sealed record ChatPayload(Chat Chat);

public sealed record MemberPayload(long ChatId, long UserId, MemberRole Role, long ActorId);

public sealed record ChatRefPayload(long ChatId);

public sealed record ChatMutedPayload(long ChatId, bool Muted);

public sealed record UserPayload(User User);

public sealed record SessionRevokedPayload(IReadOnlyList<long> SessionIds);
