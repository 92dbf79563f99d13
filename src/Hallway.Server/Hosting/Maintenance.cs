using Hallway.Core.Admin;
using Hallway.Server.Files;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Hosting;

/// <summary>
/// Housekeeping every <see cref="HallwayOptions.MaintenanceInterval"/> (hourly) and once at start-up:
/// the retention sweep (old messages and attachments, expired sessions), old failed sign-ins and
/// unfinished two-factor challenges forgotten, text-gateway guests idle for <see cref="Compat.Text.TextGatewayOptions.ReclaimGuestsAfter"/>
/// removed (as an admin removes an account, their messages kept under "[guest]"), and uploads nothing refers to removed after their grace period. Tests call
/// <see cref="RunOnceAsync"/> directly with the time they want.
/// </summary>
public sealed partial class Maintenance(RetentionService retention, AdminUserService users, Core.Presence.PresenceTracker presence, Core.Security.SignInThrottle throttle, Core.Security.SignInChallenges challenges, FileSweeper files, IOptions<HallwayOptions> options, ILogger<Maintenance> logger, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round of housekeeping as of <paramref name="now"/>.</summary>
    public async Task<RetentionResult> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var swept = await retention.SweepAsync(now, cancellationToken);
        if (swept.SessionsPurged > 0)
        {
            LogSessionsPurged(swept.SessionsPurged);
        }

        if (swept.MessagesDeleted + swept.MessagesStripped > 0)
        {
            LogRetention(swept.MessagesDeleted, swept.MessagesStripped);
        }

        var reclaimed = await users.ReclaimGuestsAsync(now - options.Value.Text.ReclaimGuestsAfter, presence.IsOnline, cancellationToken);
        if (reclaimed > 0)
        {
            LogGuestsReclaimed(reclaimed);
        }

        throttle.Prune(now);
        challenges.Prune(now);
        await SweepFilesAsync(now, cancellationToken);
        return swept;
    }

    /// <summary>A disk problem while sweeping is logged and retried next time; it must not stop the server.</summary>
    private async Task SweepFilesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await files.SweepAsync(now - options.Value.Files.OrphanAfter, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSweepFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reclaimed {Count} idle guests of the text gateway")]
    private partial void LogGuestsReclaimed(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired sessions")]
    private partial void LogSessionsPurged(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Deleted} old messages, took the attachments off {Stripped}")]
    private partial void LogRetention(int deleted, int stripped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove unused uploads; trying again at the next maintenance")]
    private partial void LogSweepFailed(Exception error);
}
