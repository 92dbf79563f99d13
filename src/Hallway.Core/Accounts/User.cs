namespace Hallway.Core.Accounts;

/// <summary>A user as every other user may see them.</summary>
public sealed record User(
    long Id,
    string Username,
    string DisplayName,
    string About,
    UserRole Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeenAt,
    long? AvatarId,
    bool IsGuest = false)
{
    public bool IsAdmin => Role == UserRole.Admin;

    /// <summary>Teachers and admins: moderators, and exempt from the direct-message policy.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsStaff => Role is UserRole.Teacher or UserRole.Admin;
}

/// <summary>What sign-in needs; never leaves the server.</summary>
public sealed record UserCredentials(long UserId, string PasswordHash, bool Disabled);

public sealed record NewUser(
    string Username,
    string UsernameKey,
    string DisplayName,
    string PasswordHash,
    UserRole Role,
    DateTimeOffset CreatedAt,
    bool IsGuest = false);

/// <summary>A sign-in session as its owner sees it (the token itself is never stored).</summary>
public sealed record Session(
    long Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    DateTimeOffset ExpiresAt,
    string? UserAgent,
    string? Address);

/// <summary>A session found by its token, with the user it belongs to.</summary>
public sealed record SessionLookup(long SessionId, User User, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, bool Disabled);

/// <summary>The caller of a request: who, and through which session.</summary>
public sealed record Caller(User User, long SessionId)
{
    /// <summary>The id that stands for the operator in the audit log and as an actor in events.</summary>
    public const long OperatorId = 0;

    /// <summary>
    /// The person at the server's console (<c>hallway admin ...</c> against the data folder): an admin
    /// with no account and no session. Never stored as a user; ids start at 1, so 0 cannot be anyone.
    /// </summary>
    public static Caller Operator { get; } = new(
        new User(OperatorId, "operator", "Operator", string.Empty, UserRole.Admin, DateTimeOffset.UnixEpoch, null, null),
        0);

    public long Id => User.Id;

    public bool IsOperator => User.Id == OperatorId;
}
