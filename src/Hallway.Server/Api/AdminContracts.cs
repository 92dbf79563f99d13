using System.Text.Json;
using Hallway.Core.Accounts;
using Hallway.Core.Admin;
using Hallway.Core.Chats;
using Hallway.Core.Messages;

namespace Hallway.Server.Api;

// Request and response bodies of the admin API (docs/PROTOCOL.md §4.7).

/// <summary>A user as an admin sees them: a UserView plus whether the account is disabled and has two-step sign-in.</summary>
public sealed record AdminUserView(
    long Id,
    string Username,
    string DisplayName,
    string About,
    UserRole Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeenAt,
    bool Online,
    long? AvatarId,
    bool IsGuest,
    bool Disabled,
    bool TwoFactor)
{
    public bool IsAdmin => Role == UserRole.Admin;

    public static AdminUserView Of(AdminUser a, bool online) =>
        new(a.User.Id, a.User.Username, a.User.DisplayName, a.User.About, a.User.Role, a.User.CreatedAt, a.User.LastSeenAt, online, a.User.AvatarId, a.User.IsGuest, a.Disabled, a.TwoFactor);
}

public sealed record SetPasswordRequest(string Password);

public sealed record CreateGroupRequest(string Title, ChatKind Kind = ChatKind.Group, string? Description = null, long? OwnerId = null, long[]? MemberIds = null);

public sealed record SetGroupMemberRequest(MemberRole Role);

public sealed record ReportRequest(string Reason);

public sealed record ResolveReportRequest(ReportAction Action);

/// <summary>A report and the message it is about, as the message is now.</summary>
public sealed record ReportView(
    long Id,
    long MessageId,
    long ChatId,
    long ReporterId,
    string Reason,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    long? ResolvedBy,
    ReportAction? Resolution,
    Message Message)
{
    public static ReportView Of(ReportedMessage r) =>
        new(r.Report.Id, r.Report.MessageId, r.Report.ChatId, r.Report.ReporterId, r.Report.Reason, r.Report.Open ? "open" : "resolved",
            r.Report.CreatedAt, r.Report.ResolvedAt, r.Report.ResolvedBy, r.Report.Resolution, r.Message);
}

/// <summary>One audit row; <see cref="ActorId"/> 0 is the operator (the command line).</summary>
public sealed record AuditEntryView(long Id, DateTimeOffset At, long ActorId, string? ActorName, string Action, string TargetType, long? TargetId, JsonElement Detail)
{
    public static AuditEntryView Of(AuditEntry e)
    {
        using var detail = JsonDocument.Parse(e.DetailJson);
        return new(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.TargetType, e.TargetId, detail.RootElement.Clone());
    }
}

public sealed record OpenSockets(int Total, int WebSocket, int Text, int School);

/// <summary>The text gateway's connections by state: logged in, or connected and not logged in yet.</summary>
public sealed record TextConnections(int Total, int SignedIn, int Connecting);

public sealed record StatusResponse(
    string Version,
    DateTimeOffset StartedAt,
    long Users,
    long Guests,
    long DisabledUsers,
    long Groups,
    long Messages,
    int OnlineNow,
    OpenSockets OpenSockets,
    TextConnections Text,
    long DatabaseBytes,
    long FilesBytes);
