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

    /// <summary>Days a message is kept before the retention sweep deletes it; 0 (the default) keeps it forever.</summary>
    public const string RetentionMessageDaysKey = "retention.messageDays";

    /// <summary>Days a message keeps its attachments before the sweep takes them off; 0 keeps them forever.</summary>
    public const string RetentionFileDaysKey = "retention.fileDays";

    public static Admin.RetentionSettings Retention(IReadTx r) =>
        new(Days(r.GetSetting(RetentionMessageDaysKey)), Days(r.GetSetting(RetentionFileDaysKey)));

    private static int Days(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) ? days : 0;

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
