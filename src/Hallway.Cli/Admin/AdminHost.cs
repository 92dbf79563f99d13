using Hallway.Core.Common;
using Hallway.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Cli.Admin;

/// <summary>
/// Hallway's services over a data folder, in this process, for the admin commands that change
/// things: the same wiring as <c>serve</c>, nothing started, nothing listening. It takes the data
/// folder's lock, so it refuses while a server runs there: a second writer would change the
/// database behind the server's back (its live event fan-out follows its own writes only). Run such
/// commands with the server stopped, or use the admin panel of the web app.
/// </summary>
internal sealed class AdminHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminHost(WebApplication app) => _app = app;

    public static AdminHost Open(string? dataFlag)
    {
        var overrides = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(dataFlag))
        {
            overrides[$"{HallwayOptions.Section}:Data"] = dataFlag;
        }

        try
        {
            return new AdminHost(HallwayServer.Build(overrides, b => b.Logging.ClearProviders()));
        }
        catch (SettingsException e) when (e.Problems.Count == 1 && e.Message.Contains("in use by another running Hallway server", StringComparison.Ordinal))
        {
            throw new AdminCommandException($"a Hallway server is running on {DataFolder.Resolve(dataFlag)}: stop it first, or do this in the web app's admin panel");
        }
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>
    /// Runs an admin command: prints its refusal as one line (exit 1), a bad setting as serve does
    /// (exit 2), and Hallway's own errors in their words.
    /// </summary>
    public static async Task<int> RunAsync(string? dataFlag, Func<AdminHost, Task<int>> work)
    {
        try
        {
            await using var host = Open(dataFlag);
            return await work(host);
        }
        catch (SettingsException e)
        {
            foreach (var problem in e.Problems)
            {
                await Console.Error.WriteLineAsync($"hallway: bad setting: {problem}");
            }

            return 2;
        }
        catch (Exception e) when (e is AdminCommandException or HallwayException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"hallway: {e.Message}");
            return 1;
        }
    }
}

/// <summary>An admin command cannot do what it was asked; the message says why, for the operator.</summary>
internal sealed class AdminCommandException(string message) : Exception(message)
{
}
