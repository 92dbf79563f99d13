using Hallway.Core.Storage;

namespace Hallway.Core.Accounts;

/// <summary>
/// Server-wide settings an admin changes at run time (unlike appsettings.json, read at start-up),
/// kept in the database so that every node reads the same. Each has a default that holds until an
/// admin first changes it.
/// </summary>
public static class ServerSettings
{
    public const string DirectMessagesKey = "direct_messages";
    public const string RegistrationKey = "registration";

    public static DirectMessagePolicy DirectMessages(IReadTx r) => r.GetSetting(DirectMessagesKey) switch
    {
        "shared-groups" => DirectMessagePolicy.SharedGroups,
        "staff-only" => DirectMessagePolicy.StaffOnly,
        _ => DirectMessagePolicy.Everyone,
    };

    public static string Name(DirectMessagePolicy policy) => policy switch
    {
        DirectMessagePolicy.SharedGroups => "shared-groups",
        DirectMessagePolicy.StaffOnly => "staff-only",
        _ => "everyone",
    };

    public static RegistrationMode Registration(IReadTx r) => r.GetSetting(RegistrationKey) switch
    {
        "invite" => RegistrationMode.Invite,
        "closed" => RegistrationMode.Closed,
        _ => RegistrationMode.Open,
    };

    public static string Name(RegistrationMode mode) => mode switch
    {
        RegistrationMode.Invite => "invite",
        RegistrationMode.Closed => "closed",
        _ => "open",
    };
}
