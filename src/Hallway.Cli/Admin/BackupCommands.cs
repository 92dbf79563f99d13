using System.CommandLine;
using Hallway.Storage;
using Hallway.Storage.Sqlite;

namespace Hallway.Cli.Admin;

/// <summary><c>hallway admin backup FILE</c> and <c>hallway admin restore FILE</c>.</summary>
internal static class BackupCommands
{
    public static Command Backup()
    {
        var file = new Argument<string>("FILE") { Description = "Where to write the backup (one SQLite file)" };
        var data = DataFolder.Option();
        var command = new Command("backup", "Write a consistent copy of the database to FILE; the server may keep running.") { file, data };
        command.SetAction(parse =>
        {
            var folder = DataFolder.Resolve(parse.GetValue(data));
            var target = parse.GetValue(file)!;
            return Run(() =>
            {
                var version = SqliteBackup.Create(folder, target);
                Console.WriteLine($"Backed up {Path.Combine(folder, SqliteStore.FileName)} to {Path.GetFullPath(target)} (schema {version}, {new FileInfo(target).Length:N0} bytes).");
                Console.WriteLine($"Uploaded files are in {Path.Combine(folder, "files")}: copy that folder too; its files never change once written.");
            });
        });
        return command;
    }

    public static Command Restore()
    {
        var file = new Argument<string>("FILE") { Description = "A backup written by 'hallway admin backup'" };
        var data = DataFolder.Option();
        var command = new Command("restore", "Replace the database with a backup (stop the server first; the old database is kept beside it).") { file, data };
        command.SetAction(parse =>
        {
            var folder = DataFolder.Resolve(parse.GetValue(data));
            var backup = parse.GetValue(file)!;
            return Run(() =>
            {
                Directory.CreateDirectory(folder);
                using var folderLock = DataFolderLock.TryAcquire(folder)
                    ?? throw new BackupException($"a Hallway server is running on {folder}: stop it first");
                var kept = SqliteBackup.Restore(backup, folder, DateTimeOffset.Now);
                Console.WriteLine($"Restored {Path.GetFullPath(backup)} into {folder}.");
                if (kept is not null)
                {
                    Console.WriteLine($"The database it replaced is kept as {kept}.");
                }
            });
        });
        return command;
    }

    private static int Run(Action work)
    {
        try
        {
            work();
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"hallway: {e.Message}");
            return 1;
        }
    }
}
