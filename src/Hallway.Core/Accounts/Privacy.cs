using System.Text.Json.Serialization;
using Hallway.Core.Common;

namespace Hallway.Core.Accounts;

/// <summary>Who may start or continue a direct chat with a user.</summary>
[JsonConverter(typeof(StrictEnumConverter<WhoCanMessage>))]
public enum WhoCanMessage
{
    [JsonStringEnumMemberName("everyone")]
    Everyone,

    /// <summary>Only people in the user's own contact list.</summary>
    [JsonStringEnumMemberName("contacts")]
    Contacts,
}

/// <summary>Who finds a user by user search.</summary>
[JsonConverter(typeof(StrictEnumConverter<WhoCanFind>))]
public enum WhoCanFind
{
    [JsonStringEnumMemberName("everyone")]
    Everyone,

    /// <summary>Only people in the user's own contact list.</summary>
    [JsonStringEnumMemberName("contacts")]
    Contacts,

    [JsonStringEnumMemberName("nobody")]
    Nobody,
}

/// <summary>
/// A user's privacy settings. Only their owner reads them: they are kept out of <see cref="User"/>
/// so that no view of another user can carry them.
/// </summary>
public sealed record Privacy(WhoCanMessage WhoCanMessage, WhoCanFind WhoCanFind)
{
    public static Privacy Default { get; } = new(WhoCanMessage.Everyone, WhoCanFind.Everyone);
}
