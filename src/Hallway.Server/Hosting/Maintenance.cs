using Hallway.Core.Accounts;
using Hallway.Server.Files;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Hosting;

/// <summary>
/// Hourly housekeeping (also once at start-up): expired sessions are purged, old failed sign-ins
/// and unfinished two-factor challenges forgotten, and uploads nothing refers to are removed after
/// their grace period.
/// </summary>
public sealed class Maintenance(AccountService accounts, Core.Security.SignInThrottle throttle, Core.Security.SignInChallenges challenges, FileSweeper files, IOptions<HallwayOptions> options, ILogger<Maintenance> logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var purged = await accounts.PurgeExpiredSessionsAsync();
                if (purged > 0)
                {
                    logger.LogInformation("Purged {Count} expired sessions", purged);
                }

                throttle.Prune(time.GetUtcNow());
                challenges.Prune(time.GetUtcNow());
                await SweepFilesAsync(stoppingToken);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>A disk problem while sweeping is logged and retried next hour; it must not stop the server.</summary>
    private async Task SweepFilesAsync(CancellationToken stoppingToken)
    {
        try
        {
            await files.SweepAsync(time.GetUtcNow() - options.Value.Files.OrphanAfter, stoppingToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not remove unused uploads; trying again in an hour");
        }
    }
}
