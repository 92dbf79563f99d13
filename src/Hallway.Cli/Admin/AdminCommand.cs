using System.CommandLine;

namespace Hallway.Cli.Admin;

/// <summary><c>hallway admin ...</c>: the operator's commands, run on the server's machine.</summary>
internal static class AdminCommand
{
    public static Command Create() => new("admin", "Administer a Hallway server: backups, restores, settings.")
    {
        BackupCommands.Backup(),
        BackupCommands.Restore(),
        ConfigCommands.Create(),
    };
}
