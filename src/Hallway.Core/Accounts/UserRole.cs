using System.Text.Json.Serialization;
using Hallway.Core.Common;

namespace Hallway.Core.Accounts;

/// <summary>
/// A person's place in the building. Admins run the server; teachers moderate the groups they are
/// in and are not bound by the direct-message policy; students are everyone else (the default: in
/// an office the words are only labels, and the default policy treats everyone alike).
/// </summary>
[JsonConverter(typeof(StrictEnumConverter<UserRole>))]
public enum UserRole
{
    [JsonStringEnumMemberName("student")]
    Student,

    [JsonStringEnumMemberName("teacher")]
    Teacher,

    [JsonStringEnumMemberName("admin")]
    Admin,
}

/// <summary>Who may message whom directly, set by an admin for the whole server.</summary>
[JsonConverter(typeof(StrictEnumConverter<DirectMessagePolicy>))]
public enum DirectMessagePolicy
{
    /// <summary>Anyone may message anyone (each person's privacy settings still apply).</summary>
    [JsonStringEnumMemberName("everyone")]
    Everyone,

    /// <summary>Students message staff, and students they share a group or channel with.</summary>
    [JsonStringEnumMemberName("shared-groups")]
    SharedGroups,

    /// <summary>Students message staff only; staff message anyone.</summary>
    [JsonStringEnumMemberName("staff-only")]
    StaffOnly,
}
