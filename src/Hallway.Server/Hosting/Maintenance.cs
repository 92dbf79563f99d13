using Hallway.Core.Accounts;

namespace Hallway.Server.Hosting;

/// <summary>Hourly housekeeping: expired sessions are purged (also once at start-up).</summary>
public sealed class Maintenance(AccountService accounts, ILogger<Maintenance> logger, TimeProvider time) : BackgroundService
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
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
