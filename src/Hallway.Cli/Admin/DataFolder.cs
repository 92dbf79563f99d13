using Hallway.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Hallway.Cli.Admin;

/// <summary>
/// The data folder an admin command works on: <c>--data</c>, else the same setting the server
/// reads (appsettings.json in the working folder, then HALLWAY__DATA), else ./data.
/// </summary>
internal static class DataFolder
{
    public static System.CommandLine.Option<string?> Option() =>
        new("--data") { Description = "The server's data folder (default: Hallway:Data from appsettings.json or HALLWAY__DATA, else ./data)" };

    public static string Resolve(string? flag)
    {
        if (!string.IsNullOrWhiteSpace(flag))
        {
            return Path.GetFullPath(flag);
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return Path.GetFullPath(configuration[$"{HallwayOptions.Section}:Data"] ?? new HallwayOptions().Data);
    }
}
