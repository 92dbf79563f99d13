using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Sqlite;

/// <summary>
/// Consistent copies of the database, taken while the server runs, and putting one back.
/// A backup is SQLite's online backup of one read snapshot: with WAL the server's writer goes on
/// meanwhile and the copy is exactly the database as of one commit, never half of a batch.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Copies the data folder's database to <paramref name="destination"/>; returns its schema version.</summary>
    public static int Create(string dataDirectory, string destination)
    {
        var source = Path.Combine(dataDirectory, SqliteStore.FileName);
        if (!File.Exists(source))
        {
            throw new BackupException($"there is no database in {dataDirectory}");
        }

        var target = Path.GetFullPath(destination);
        if (Directory.Exists(target))
        {
            throw new BackupException($"{target} is a folder; name the backup file");
        }

        // Written beside the target and renamed into place: a failed backup never leaves a
        // half-written file under the name an operator will later restore from.
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            using (var from = Connect(source, SqliteOpenMode.ReadOnly))
            using (var to = Connect(partial, SqliteOpenMode.ReadWriteCreate))
            {
                SqliteMigrator.EnsureKnown(from);
                from.BackupDatabase(to);
                Execute(to, "PRAGMA journal_mode = DELETE;"); // one self-contained file, no -wal beside it
            }

            var version = Verify(partial);
            File.Move(partial, target, overwrite: true);
            return version;
        }
        catch (SqliteException e)
        {
            throw new BackupException($"the backup failed: {e.Message}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the data folder's database with a backup, after checking it. The database it
    /// replaces is kept beside it (<c>hallway.db.before-restore-…</c>). The server must be stopped.
    /// </summary>
    /// <returns>The path of the database kept from before, or null when there was none.</returns>
    public static string? Restore(string backupFile, string dataDirectory, DateTimeOffset now)
    {
        var backup = Path.GetFullPath(backupFile);
        if (!File.Exists(backup))
        {
            throw new BackupException($"there is no file {backup}");
        }

        Directory.CreateDirectory(dataDirectory);
        var live = Path.Combine(dataDirectory, SqliteStore.FileName);
        var incoming = live + ".restoring";
        File.Copy(backup, incoming, overwrite: true);
        try
        {
            Verify(incoming);
            string? kept = null;
            if (File.Exists(live))
            {
                // Fold the old database's WAL into it first, so the kept copy is whole on its own.
                using (var old = Connect(live, SqliteOpenMode.ReadWrite))
                {
                    Execute(old, "PRAGMA wal_checkpoint(TRUNCATE);");
                }

                SqliteConnection.ClearAllPools();
                kept = $"{live}.before-restore-{now:yyyyMMdd-HHmmss}";
                File.Move(live, kept);
            }

            File.Delete(live + "-wal");
            File.Delete(live + "-shm");
            File.Move(incoming, live);
            return kept;
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{backup} cannot be restored: {e.Message}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(incoming);
        }
    }

    /// <summary>Checks that a file is a whole Hallway database this version can open; returns its schema version.</summary>
    public static int Verify(string path)
    {
        try
        {
            using var connection = Connect(path, SqliteOpenMode.ReadOnly);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            var result = command.ExecuteScalar() as string;
            if (result != "ok")
            {
                throw new BackupException($"{path} is damaged: {result}");
            }

            var version = SqliteMigrator.CurrentVersion(connection);
            if (version < 1)
            {
                throw new BackupException($"{path} is not a Hallway database");
            }

            SqliteMigrator.EnsureKnown(connection);
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'chats', 'messages', 'events');";
            if (Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 4)
            {
                throw new BackupException($"{path} is not a Hallway database");
            }

            return version;
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{path} is not a Hallway database ({e.Message})");
        }
        catch (SchemaTooNewException e)
        {
            throw new BackupException(e.Message);
        }
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A backup or restore refused; the message is one line for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);
