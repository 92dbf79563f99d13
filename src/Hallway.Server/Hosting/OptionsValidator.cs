namespace Hallway.Server.Hosting;

/// <summary>Checks settings before anything starts; each problem is one line that names the setting.</summary>
public static class OptionsValidator
{
    public static IReadOnlyList<string> Validate(HallwayOptions o)
    {
        var problems = new List<string>();
        void Check(bool ok, string setting, string rule)
        {
            if (!ok)
            {
                problems.Add($"Hallway:{setting} {rule}");
            }
        }

        Check(o.Port is >= 0 and <= 65535, "Port", $"must be 0 to 65535 (is {o.Port})");
        Check(!string.IsNullOrWhiteSpace(o.Data), "Data", "must name a folder");
        Check(o.Urls is null || o.Urls.Split(';').All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
            "Urls", $"must be http:// or https:// URLs separated by ';' (is '{o.Urls}')");
        Check(o.MaxRequestBytes >= 1024, "MaxRequestBytes", "must be at least 1024");
        Check(o.MaintenanceInterval >= TimeSpan.FromSeconds(1), "MaintenanceInterval", "must be at least 00:00:01");
        Check(o.Limits.MaxMessageLength is >= 1 and <= 100_000, "Limits:MaxMessageLength", "must be 1 to 100000");
        Check(o.Limits.MaxPageSize is >= 1 and <= 1000, "Limits:MaxPageSize", "must be 1 to 1000");
        Check(o.Limits.SessionLifetime >= TimeSpan.FromMinutes(1), "Limits:SessionLifetime", "must be at least 00:01:00");
        Check(o.Limits.MaxSessionsPerUser >= 1, "Limits:MaxSessionsPerUser", "must be at least 1");
        Check(o.Limits.TypingTimeout >= TimeSpan.FromSeconds(1), "Limits:TypingTimeout", "must be at least 00:00:01");
        Check(o.Limits.MaxGroupMembers >= 2, "Limits:MaxGroupMembers", "must be at least 2");
        Check(o.Limits.MaxSearchResults >= 1, "Limits:MaxSearchResults", "must be at least 1");
        Check(o.Limits.ResetLinkLifetime >= TimeSpan.FromMinutes(1) && o.Limits.ResetLinkLifetime <= TimeSpan.FromDays(30),
            "Limits:ResetLinkLifetime", "must be 00:01:00 to 30.00:00:00");
        Check(o.Realtime.MaxFrameBytes is >= 1024 and <= 16 * 1024 * 1024, "Realtime:MaxFrameBytes", "must be 1024 to 16777216");
        Check(o.Realtime.OutgoingQueueLimit >= 1, "Realtime:OutgoingQueueLimit", "must be at least 1");
        Check(o.Realtime.KeepAliveInterval > TimeSpan.Zero, "Realtime:KeepAliveInterval", "must be positive");
        Check(o.Realtime.KeepAliveTimeout > TimeSpan.Zero, "Realtime:KeepAliveTimeout", "must be positive");
        Check(o.Realtime.HelloTimeout > TimeSpan.Zero, "Realtime:HelloTimeout", "must be positive");
        Check(o.Realtime.RequestBurst >= 1, "Realtime:RequestBurst", "must be at least 1");
        Check(o.Realtime.RequestsPerSecond >= 0, "Realtime:RequestsPerSecond", "must be 0 or more");
        Check(o.Realtime.MaxInFlight >= 1, "Realtime:MaxInFlight", "must be at least 1");
        Check(o.Files.MaxUploadBytes is >= 1024 and <= 4L * 1024 * 1024 * 1024, "Files:MaxUploadBytes", "must be 1024 to 4294967296");
        Check(o.Files.MaxPreviewBytes is >= 1024 and <= 16 * 1024 * 1024, "Files:MaxPreviewBytes", "must be 1024 to 16777216");
        Check(o.Files.OrphanAfter >= TimeSpan.FromMinutes(1), "Files:OrphanAfter", "must be at least 00:01:00");
        Check(o.RateLimits.AuthPerMinute >= 1, "RateLimits:AuthPerMinute", "must be at least 1");
        Check(o.RateLimits.WritesPerSecond >= 1, "RateLimits:WritesPerSecond", "must be at least 1");
        Check(o.SignIn.FailuresPerAccount >= 1, "SignIn:FailuresPerAccount", "must be at least 1");
        Check(o.SignIn.FailuresPerAddress >= 1, "SignIn:FailuresPerAddress", "must be at least 1");
        Check(o.SignIn.Lockout >= TimeSpan.FromSeconds(1), "SignIn:Lockout", "must be at least 00:00:01");
        Check(o.SignIn.MaxLockout >= o.SignIn.Lockout, "SignIn:MaxLockout", "must be at least SignIn:Lockout");
        Check(o.SignIn.ForgetAfter >= TimeSpan.FromMinutes(1), "SignIn:ForgetAfter", "must be at least 00:01:00");
        problems.AddRange(o.Text.Problems());
        problems.AddRange(o.School.Problems());
        return problems;
    }
}
