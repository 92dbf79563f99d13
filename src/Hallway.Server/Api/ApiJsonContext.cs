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
[JsonSerializable(typeof(TwoFactorChallengeResponse))]
[JsonSerializable(typeof(LoginTwoFactorRequest))]
[JsonSerializable(typeof(RecoverRequest))]
[JsonSerializable(typeof(ResetInfoResponse))]
[JsonSerializable(typeof(ResetRequest))]
[JsonSerializable(typeof(RegistrationSetting))]
[JsonSerializable(typeof(PasswordRequest))]
[JsonSerializable(typeof(CodeRequest))]
[JsonSerializable(typeof(DisableTwoFactorRequest))]
[JsonSerializable(typeof(RecoveryCodesResponse))]
[JsonSerializable(typeof(TwoFactorSetupResponse))]
[JsonSerializable(typeof(SecurityStatus))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(ResetLinkResponse))]
[JsonSerializable(typeof(CreateInviteRequest))]
[JsonSerializable(typeof(InviteView))]
[JsonSerializable(typeof(IReadOnlyList<InviteView>))]
[JsonSerializable(typeof(CreatedInviteResponse))]
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
public sealed partial class ApiJsonContext : JsonSerializerContext;
