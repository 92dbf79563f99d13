using System.Text.Json;
using System.Text.Json.Serialization;
using Hallway.Server.Api;

namespace Hallway.Server.Realtime;

// The WebSocket protocol's message bodies (docs/PROTOCOL.md, "WebSocket").
// A client frame is {"type": "...", "id": "...", "data": {...}}; the server answers each with
// {"type": "ok" | "error", "id": <same>, "data": {...}} and pushes events and signals.

public sealed record HelloData(long? LastEventId = null);

public sealed record SendData(long ChatId, string ClientId, string? Text = null, long? ReplyToId = null, long[]? Attachments = null, string? Sticker = null);

public sealed record EditData(long MessageId, string Text);

public sealed record DeleteData(long MessageId);

public sealed record ReactData(long MessageId, string Emoji, bool? Remove = null);

public sealed record ReadData(long ChatId, long Seq);

public sealed record TypingData(long ChatId);

public sealed record HelloResult(long LastEventId, long UserId, long SessionId);

public sealed record MessageResult(Core.Messages.Message Message);

public sealed record PongResult(DateTimeOffset ServerTime);

public sealed record ErrorData(string Code, string Message);

public sealed record TypingSignal(long ChatId, long UserId, int ExpiresInMs);

public sealed record PresenceSignal(long UserId, bool Online, DateTimeOffset? LastSeenAt);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(SendData))]
[JsonSerializable(typeof(EditData))]
[JsonSerializable(typeof(DeleteData))]
[JsonSerializable(typeof(ReactData))]
[JsonSerializable(typeof(ReadData))]
[JsonSerializable(typeof(TypingData))]
[JsonSerializable(typeof(HelloResult))]
[JsonSerializable(typeof(MessageResult))]
[JsonSerializable(typeof(SendResponse))]
[JsonSerializable(typeof(ReadResponse))]
[JsonSerializable(typeof(PongResult))]
[JsonSerializable(typeof(ErrorData))]
[JsonSerializable(typeof(TypingSignal))]
[JsonSerializable(typeof(PresenceSignal))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext;

/// <summary>WebSocket close codes Hallway uses besides the standard ones (1000, 1001, 1003, 1007, 1009).</summary>
public static class CloseCodes
{
    /// <summary>The session was revoked (sign-out, password change) while the socket was open.</summary>
    public const int SessionRevoked = 4001;

    /// <summary>No "hello" arrived in time after the upgrade.</summary>
    public const int HelloTimeout = 4002;

    /// <summary>The client fell too far behind; reconnect and replay from your last event id.</summary>
    public const int TooSlow = 4008;

    /// <summary>Kept sending after being told to slow down.</summary>
    public const int Flooding = 4029;
}
