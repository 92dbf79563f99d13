using Hallway.Core.Accounts;
using Hallway.Core.Chats;

namespace Hallway.Storage;

/// <summary>How enums are spelled in the database (the same words as on the wire).</summary>
internal static class Names
{
    public static string Of(Enum value) => value switch
    {
        ChatKind.Direct => "direct",
        ChatKind.Group => "group",
        ChatKind.Channel => "channel",
        ChatKind.Lobby => "lobby",
        MemberRole.Member => "member",
        MemberRole.Admin => "admin",
        MemberRole.Owner => "owner",
        WhoCanMessage.Everyone => "everyone",
        WhoCanMessage.Contacts => "contacts",
        WhoCanFind.Everyone => "everyone",
        WhoCanFind.Contacts => "contacts",
        WhoCanFind.Nobody => "nobody",
        Core.Accounts.UserRole.Student => "student",
        Core.Accounts.UserRole.Teacher => "teacher",
        Core.Accounts.UserRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "No database name."),
    };

    public static ChatKind Kind(string value) => value switch
    {
        "direct" => ChatKind.Direct,
        "group" => ChatKind.Group,
        "channel" => ChatKind.Channel,
        "lobby" => ChatKind.Lobby,
        _ => throw new InvalidDataException($"Unknown chat kind '{value}'."),
    };

    public static UserRole UserRole(string value) => value switch
    {
        "student" => Core.Accounts.UserRole.Student,
        "teacher" => Core.Accounts.UserRole.Teacher,
        "admin" => Core.Accounts.UserRole.Admin,
        _ => throw new InvalidDataException($"Unknown user role '{value}'."),
    };

    public static MemberRole Role(string value) => value switch
    {
        "member" => MemberRole.Member,
        "admin" => MemberRole.Admin,
        "owner" => MemberRole.Owner,
        _ => throw new InvalidDataException($"Unknown member role '{value}'."),
    };

    public static WhoCanMessage MessagePolicy(string value) => value switch
    {
        "everyone" => WhoCanMessage.Everyone,
        "contacts" => WhoCanMessage.Contacts,
        _ => throw new InvalidDataException($"Unknown who_can_message '{value}'."),
    };

    public static WhoCanFind FindPolicy(string value) => value switch
    {
        "everyone" => WhoCanFind.Everyone,
        "contacts" => WhoCanFind.Contacts,
        "nobody" => WhoCanFind.Nobody,
        _ => throw new InvalidDataException($"Unknown who_can_find '{value}'."),
    };
}
