using System.Text.Json;
using System.Text.Json.Serialization;
using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Events;
using Hallway.Core.Messages;

namespace Hallway.Core.Common;

/// <summary>Source-generated serializers for everything Core puts on the wire or in the event log.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(Chat))]
[JsonSerializable(typeof(ChatSummary))]
[JsonSerializable(typeof(ChatMember))]
[JsonSerializable(typeof(MessageReader))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(Reaction))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(MessageDeletedPayload))]
[JsonSerializable(typeof(ReactionPayload))]
[JsonSerializable(typeof(ReadPayload))]
[JsonSerializable(typeof(ChatPayload))]
[JsonSerializable(typeof(MemberPayload))]
[JsonSerializable(typeof(ChatRefPayload))]
[JsonSerializable(typeof(ChatMutedPayload))]
[JsonSerializable(typeof(UserPayload))]
[JsonSerializable(typeof(SessionRevokedPayload))]
[JsonSerializable(typeof(Privacy))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
