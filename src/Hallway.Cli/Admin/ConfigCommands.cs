using System.CommandLine;
using Hallway.Server.Hosting;
using Hallway.Storage;
using Hallway.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Hallway.Cli.Admin;

/// <summary><c>hallway admin config check</c>: the settings serve would start with, checked without starting.</summary>
internal static class ConfigCommands
{
    public static Command Create()
    {
        var data = DataFolder.Option();
        var check = new Command("check", "Check the settings (appsettings.json, HALLWAY__* variables) and the data folder without starting the server.") { data };
        check.SetAction(parse => Check(parse.GetValue(data)));
        return new Command("config", "Settings.") { check };
    }

    private static int Check(string? dataFlag)
    {
        var overrides = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(dataFlag))
        {
            overrides[$"{HallwayOptions.Section}:Data"] = dataFlag;
        }

        HallwayOptions options;
        try
        {
            options = HallwayServer.CheckSettings(overrides);
        }
        catch (SettingsException e)
        {
            foreach (var problem in e.Problems)
            {
                Console.Error.WriteLine($"hallway: bad setting: {problem}");
            }

            return 2;
        }

        var (folder, folderProblem) = DescribeDataFolder(options.Data);
        if (folderProblem is not null)
        {
            Console.Error.WriteLine($"hallway: bad setting: Hallway:Data {folderProblem}");
            return 2;
        }

        var text = options.Text.TcpEndPoint() is { } endPoint ? $"TCP {endPoint} ({options.Text.Identity.ToString().ToLowerInvariant()}), and /text" : options.Text.Enabled ? "/text only (TCP off)" : "off";
        var school = !options.School.Enabled ? "off" : options.School.DiscoveryPort == 0 ? "on, discovery off" : $"on, discovery UDP {options.School.DiscoveryListen}:{options.School.DiscoveryPort}";
        Console.WriteLine("Settings are valid.");
        Console.WriteLine($"  Data folder  {folder}");
        Console.WriteLine($"  HTTP         {options.Urls ?? $"http://0.0.0.0:{options.Port}"}");
        Console.WriteLine($"  Text chat    {text}");
        Console.WriteLine($"  School API   {school}");
        Console.WriteLine($"  Log format   {options.LogFormat.ToString().ToLowerInvariant()}");
        return 0;
    }

    /// <summary>What is in the folder, or why a server could not use it.</summary>
    private static (string Description, string? Problem) DescribeDataFolder(string folder)
    {
        if (File.Exists(folder))
        {
            return (folder, $"'{folder}' is a file, not a folder");
        }

        if (!Directory.Exists(folder))
        {
            return ($"{folder} (not created yet: the first start creates it)", null);
        }

        var running = DataFolderLock.TryAcquire(folder) is not { } free ? "; a server is running on it" : Release(free);
        var database = Path.Combine(folder, SqliteStore.FileName);
        if (!File.Exists(database))
        {
            return ($"{folder} (no database yet{running})", null);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var version = SqliteMigrator.CurrentVersion(connection);
            if (version > SqliteMigrator.LatestVersion)
            {
                return (folder, $"holds a database of schema {version}, newer than this Hallway knows ({SqliteMigrator.LatestVersion}): run the newer Hallway");
            }

            var upgrade = version < SqliteMigrator.LatestVersion ? $", upgraded to {SqliteMigrator.LatestVersion} at the next start" : string.Empty;
            return ($"{folder} (database schema {version}{upgrade}{running})", null);
        }
        catch (SqliteException e)
        {
            return (folder, $"holds {SqliteStore.FileName}, which is not a readable SQLite database ({e.Message})");
        }
    }

    private static string Release(DataFolderLock folderLock)
    {
        folderLock.Dispose();
        return string.Empty;
    }
}
