using System.Text.Json.Serialization;
using Hallway.Core.Common;

namespace Hallway.Core.Accounts;

/// <summary>
/// Who may create their own account (an admin's <c>POST /api/admin/users</c> ignores it, and the
/// first account of an empty server may always register).
/// </summary>
[JsonConverter(typeof(StrictEnumConverter<RegistrationMode>))]
public enum RegistrationMode
{
    /// <summary>Anyone who reaches the server.</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>Only with an invite code an admin made.</summary>
    [JsonStringEnumMemberName("invite")]
    Invite,

    /// <summary>Nobody: admins create the accounts.</summary>
    [JsonStringEnumMemberName("closed")]
    Closed,
}
