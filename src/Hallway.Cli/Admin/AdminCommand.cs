using System.CommandLine;

namespace Hallway.Cli.Admin;

/// <summary><c>hallway admin ...</c>: the operator's commands, run on the server's machine.</summary>
internal static class AdminCommand
{
    public static Command Create() => new("admin", "Administer a Hallway server: accounts, rosters, groups, backups, exports, settings. Commands that change data need the server stopped (or use the web app's admin panel); backup and config check work while it runs.")
    {
        UserCommands.CreateAdmin(),
        UserCommands.User(),
        ImportCommand.Create(),
        GroupCommands.Create(),
        ExportCommand.Create(),
        DemoCommand.Create(),
        BackupCommands.Backup(),
        BackupCommands.Restore(),
        ConfigCommands.Create(),
    };
}
