using System.Text.Json.Serialization;

namespace Hallway.Server.Compat.School;

// The school messenger's wire shapes; names are snake_case as its FastAPI server sent them.

public sealed record SchoolUser(long Id, string Username, bool IsOnline, string? LastSeen, string Status);

public sealed record SchoolMessage(
    long Id,
    long SenderId,
    long ReceiverId,
    string Content,
    string Timestamp,
    bool IsRead,
    string MessageType,
    string? FileData);

public sealed record SchoolMessageList(IReadOnlyList<SchoolMessage> Messages, int TotalCount);

public sealed record SchoolToken(string AccessToken, string TokenType);

public sealed record SchoolDetail(string Detail);

/// <summary>One entry of FastAPI's 422 answer; <c>loc</c> mixes strings and array indexes.</summary>
public sealed record SchoolFieldError(IReadOnlyList<object> Loc, string Msg, string Type);

public sealed record SchoolValidation(IReadOnlyList<SchoolFieldError> Detail);

public sealed record SchoolStatusResult(string Status, string Message, long UserId, bool IsOnline);

public sealed record SchoolLogoutResult(string Status, string Message, long UserId);

public sealed record SchoolReadResult(string Status, string Message);

public sealed record SchoolDeleteResult(string Status, string Message, long DeletedMessageId);

public sealed record SchoolStatusUpdate(string Type, long UserId, bool IsOnline, string Timestamp);

public sealed record SchoolMessageDeleted(string Type, long MessageId, string ChatId, long DeletedBy, string Timestamp);

/// <summary>The later client's server browser reads type, name and port, and takes the IP from the datagram's source.</summary>
public sealed record SchoolDiscoveryReply(
    string Type,
    string Name,
    int Port,
    int UsersCount,
    bool PasswordRequired,
    string Description,
    string Version,
    double Timestamp);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SchoolUser))]
[JsonSerializable(typeof(IReadOnlyList<SchoolUser>))]
[JsonSerializable(typeof(SchoolMessage))]
[JsonSerializable(typeof(SchoolMessageList))]
[JsonSerializable(typeof(IReadOnlyList<SchoolMessage>))]
[JsonSerializable(typeof(SchoolToken))]
[JsonSerializable(typeof(SchoolDetail))]
[JsonSerializable(typeof(SchoolValidation))]
[JsonSerializable(typeof(SchoolStatusResult))]
[JsonSerializable(typeof(SchoolLogoutResult))]
[JsonSerializable(typeof(SchoolReadResult))]
[JsonSerializable(typeof(SchoolDeleteResult))]
[JsonSerializable(typeof(SchoolStatusUpdate))]
[JsonSerializable(typeof(SchoolMessageDeleted))]
[JsonSerializable(typeof(SchoolDiscoveryReply))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
public sealed partial class SchoolJsonContext : JsonSerializerContext;
