using System.Collections.Concurrent;
using Hallway.Core.Events;
using Hallway.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hallway.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, one writer connection behind
/// <see cref="SqliteWriter"/>, and a pool of read-only connections that read concurrently with it.
/// </summary>
public sealed class SqliteStore : IHallwayStore
{
    public const string FileName = "hallway.db";
    private const int MaxIdleReaders = 16;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ConcurrentBag<SqliteTx> _readers = [];
    private readonly SqliteWriter _writer;
    private IEventSink? _sink;

    private SqliteStore(string path, TimeProvider time, ILogger logger)
    {
        Path = path;
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();

        // The version is checked before anything touches the file (even the switch to WAL), so a
        // database from a newer Hallway is left exactly as it was.
        var writerConnection = new SqliteConnection(_connectionString);
        try
        {
            writerConnection.Open();
            SqliteMigrator.EnsureKnown(writerConnection);
            Configure(writerConnection, readOnly: false);
            SqliteMigrator.Migrate(writerConnection);
        }
        catch
        {
            writerConnection.Dispose();
            throw;
        }

        _writer = new SqliteWriter(new SqliteTx(writerConnection, time), () => _sink, logger);
    }

    public string Path { get; }

    /// <summary>Opens (creating if needed) <c>hallway.db</c> in <paramref name="dataDirectory"/> and migrates it.</summary>
    public static SqliteStore Open(string dataDirectory, TimeProvider? time = null, ILogger? logger = null)
    {
        Directory.CreateDirectory(dataDirectory);
        return new SqliteStore(System.IO.Path.Combine(dataDirectory, FileName), time ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    public void SetEventSink(IEventSink sink) => _sink = sink;

    public Task<T> WriteAsync<T>(Func<IWriteTx, T> work, CancellationToken cancellationToken = default) =>
        _writer.Enqueue(work, cancellationToken);

    public Task<T> ReadAsync<T>(Func<IReadTx, T> query, CancellationToken cancellationToken = default)
    {
        // SQLite reads are synchronous in Microsoft.Data.Sqlite anyway; an index lookup beats a thread hop.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(Read(query));
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    public T Read<T>(Func<IReadTx, T> query)
    {
        var reader = _readers.TryTake(out var pooled) ? pooled : new SqliteTx(Open(readOnly: true), _time);
        try
        {
            return query(reader);
        }
        finally
        {
            if (_readers.Count < MaxIdleReaders)
            {
                _readers.Add(reader);
            }
            else
            {
                reader.Dispose();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private SqliteConnection Open(bool readOnly)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Configure(connection, readOnly);
        return connection;
    }

    private static void Configure(SqliteConnection connection, bool readOnly)
    {
        using var command = connection.CreateCommand();

        // WAL lets readers run beside the writer; synchronous=FULL makes every commit durable across
        // power loss as well as crashes. Group commit keeps the fsync cost per batch, not per message.
        command.CommandText = readOnly
            ? "PRAGMA foreign_keys = ON; PRAGMA query_only = ON; PRAGMA busy_timeout = 30000;"
            : "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();

        // SQLite's lower() folds ASCII only; people search for Cyrillic names too.
        connection.CreateFunction("hallway_lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
    }
}
