namespace Hallway.Core.Common;

/// <summary>Tunable limits; bound from the "Hallway" configuration section by the server.</summary>
public sealed class HallwayLimits
{
    public int MaxMessageLength { get; set; } = 4000;
    public int MaxPageSize { get; set; } = 100;
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(24);
    public int MaxSessionsPerUser { get; set; } = 20;
    public TimeSpan TypingTimeout { get; set; } = TimeSpan.FromSeconds(5);
    public int MaxGroupMembers { get; set; } = 5000;
    public int MaxSearchResults { get; set; } = 50;

    /// <summary>How long an admin-issued password reset link works.</summary>
    public TimeSpan ResetLinkLifetime { get; set; } = TimeSpan.FromHours(24);
}
