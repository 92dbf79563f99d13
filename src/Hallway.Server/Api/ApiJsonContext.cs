using System.Text.Json;
using System.Text.Json.Serialization;
using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Messages;

namespace Hallway.Server.Api;

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(AuthResponse))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(ProfileRequest))]
[JsonSerializable(typeof(PrivacyRequest))]
[JsonSerializable(typeof(RoleRequest))]
[JsonSerializable(typeof(DirectMessagesSetting))]
[JsonSerializable(typeof(Privacy))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(IReadOnlyList<UserView>))]
[JsonSerializable(typeof(IReadOnlyList<SessionView>))]
[JsonSerializable(typeof(OpenDirectRequest))]
[JsonSerializable(typeof(CreateChatRequest))]
[JsonSerializable(typeof(UpdateChatRequest))]
[JsonSerializable(typeof(AddMembersRequest))]
[JsonSerializable(typeof(SetRoleRequest))]
[JsonSerializable(typeof(MuteRequest))]
[JsonSerializable(typeof(SendRequest))]
[JsonSerializable(typeof(SendResponse))]
[JsonSerializable(typeof(EditRequest))]
[JsonSerializable(typeof(ReadRequest))]
[JsonSerializable(typeof(ReadResponse))]
[JsonSerializable(typeof(HistoryResponse))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(PresenceResponse))]
[JsonSerializable(typeof(TypingRequest))]
[JsonSerializable(typeof(EventsResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(Chat))]
[JsonSerializable(typeof(ChatSummary))]
[JsonSerializable(typeof(IReadOnlyList<ChatSummary>))]
[JsonSerializable(typeof(IReadOnlyList<ChatMember>))]
[JsonSerializable(typeof(IReadOnlyList<MessageReader>))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(AdminUserView))]
[JsonSerializable(typeof(IReadOnlyList<AdminUserView>))]
[JsonSerializable(typeof(SetPasswordRequest))]
[JsonSerializable(typeof(Hallway.Core.Admin.AdminGroup))]
[JsonSerializable(typeof(IReadOnlyList<Hallway.Core.Admin.AdminGroup>))]
[JsonSerializable(typeof(CreateGroupRequest))]
[JsonSerializable(typeof(SetGroupMemberRequest))]
[JsonSerializable(typeof(ReportRequest))]
[JsonSerializable(typeof(ResolveReportRequest))]
[JsonSerializable(typeof(ReportView))]
[JsonSerializable(typeof(IReadOnlyList<ReportView>))]
[JsonSerializable(typeof(AuditEntryView))]
[JsonSerializable(typeof(IReadOnlyList<AuditEntryView>))]
[JsonSerializable(typeof(Hallway.Core.Admin.ChatReading))]
[JsonSerializable(typeof(Hallway.Core.Admin.RetentionSettings))]
[JsonSerializable(typeof(StatusResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
