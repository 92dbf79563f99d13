using System.Text.Json;
using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Messages;

namespace Hallway.Server.Api;

// Request and response bodies of the HTTP API. Field names are the wire contract (docs/PROTOCOL.md).

public sealed record RegisterRequest(string Username, string Password, string? DisplayName = null, string? InviteCode = null);

public sealed record LoginRequest(string Username, string Password);

public sealed record AuthResponse(UserView User, string Token, DateTimeOffset ExpiresAt);

/// <summary>GET /api/session: the signed-in user, or null when the request carries no working session.</summary>
public sealed record SessionResponse(UserView? User);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

public sealed record ProfileRequest(string? DisplayName = null, string? About = null);

/// <summary>Both settings, both required: a PUT replaces the whole set.</summary>
public sealed record PrivacyRequest(WhoCanMessage WhoCanMessage, WhoCanFind WhoCanFind);

/// <summary>A user with their live presence.</summary>
public sealed record UserView(
    long Id,
    string Username,
    string DisplayName,
    string About,
    UserRole Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeenAt,
    bool Online,
    long? AvatarId,
    bool IsGuest)
{
    /// <summary>Kept beside <see cref="Role"/> for clients written before roles.</summary>
    public bool IsAdmin => Role == UserRole.Admin;

    public static UserView Of(User u, bool online) =>
        new(u.Id, u.Username, u.DisplayName, u.About, u.Role, u.CreatedAt, u.LastSeenAt, online, u.AvatarId, u.IsGuest);
}

public sealed record SessionView(long Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, string? UserAgent, string? Address, bool Current);

public sealed record OpenDirectRequest(long UserId);

public sealed record CreateChatRequest(ChatKind Kind, string Title, string? Description = null, long[]? MemberIds = null);

public sealed record UpdateChatRequest(string? Title = null, string? Description = null);

public sealed record AddMembersRequest(long[] UserIds);

public sealed record SetRoleRequest(MemberRole Role);

public sealed record MuteRequest(bool Muted);

public sealed record SendRequest(string ClientId, string? Text = null, long? ReplyToId = null, long[]? Attachments = null, string? Sticker = null);

public sealed record SendResponse(Message Message, bool Duplicate);

public sealed record EditRequest(string Text);

public sealed record ReadRequest(long Seq);

public sealed record ReadResponse(long ChatId, long Seq);

public sealed record HistoryResponse(IReadOnlyList<Message> Messages, bool HasMore);

public sealed record SearchResponse(IReadOnlyList<Message> Messages);

public sealed record PresenceResponse(long[] Online);

public sealed record TypingRequest(long ChatId);

/// <summary>One event of the log, exactly as it is framed on the WebSocket.</summary>
public sealed record EventView(long Id, string Type, long? ChatId, long? UserId, DateTimeOffset At, JsonElement Payload);

public sealed record EventsResponse(IReadOnlyList<EventView> Events, long LastEventId);

public sealed record AvatarRequest(long FileId);

public sealed record StickerRequest(long FileId);

public sealed record StickersResponse(IReadOnlyList<string> Builtin, IReadOnlyList<Core.Files.Attachment> Custom);

public sealed record HealthResponse(string Status, string Version);
