using System.Collections.Concurrent;
using Hallway.Core.Events;
using Microsoft.Extensions.Logging;

namespace Hallway.Storage.Sqlite;

/// <summary>
/// The single writer. Callers queue work; a dedicated thread takes everything queued (up to
/// <see cref="MaxBatch"/>), runs it in one transaction with a savepoint per caller, commits once
/// (one fsync for the whole batch: group commit), publishes the batch's events, then completes
/// the callers. A slow disk makes batches larger, not queues longer.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    public const int MaxBatch = 256;

    private readonly BlockingCollection<WorkItem> _queue = new(new ConcurrentQueue<WorkItem>());
    private readonly SqliteTx _tx;
    private readonly Func<IEventSink?> _sink;
    private readonly ILogger _logger;
    private readonly Thread _thread;

    public SqliteWriter(SqliteTx tx, Func<IEventSink?> sink, ILogger logger)
    {
        _tx = tx;
        _sink = sink;
        _logger = logger;
        _thread = new Thread(Loop) { IsBackground = true, Name = "hallway-writer" };
        _thread.Start();
    }

    public Task<T> Enqueue<T>(Func<SqliteTx, T> work, CancellationToken cancellationToken)
    {
        var item = new WorkItem<T>(work, cancellationToken);
        try
        {
            _queue.Add(item, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // CompleteAdding was called: the store is closing and takes no more writes.
            throw new ObjectDisposedException(nameof(SqliteWriter), "The store is shutting down.");
        }

        return item.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();

        // Closing the last connection checkpoints the WAL and removes the -wal and -shm files.
        _tx.Dispose();
    }

    private void Loop()
    {
        var batch = new List<WorkItem>(MaxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            RunBatch(batch);
        }
    }

    private void RunBatch(List<WorkItem> batch)
    {
        IReadOnlyList<StoredEvent> events;
        try
        {
            _tx.Begin();
            foreach (var item in batch)
            {
                if (item.CancellationToken.IsCancellationRequested)
                {
                    item.Fail(new OperationCanceledException(item.CancellationToken));
                    continue;
                }

                var mark = _tx.StartItem();
                try
                {
                    item.Run(_tx);
                    _tx.EndItem();
                }
                catch (Exception e)
                {
                    _tx.AbortItem(mark);
                    item.Fail(e);
                }
            }

            _tx.Commit();
            events = _tx.TakeEvents();
        }
        catch (Exception e)
        {
            // The commit itself failed (disk full, I/O error): nothing of this batch was stored.
            _logger.LogError(e, "A write batch of {Count} failed to commit", batch.Count);
            SafeRollback();
            foreach (var item in batch)
            {
                item.Fail(e);
            }

            return;
        }

        Publish(events);
        foreach (var item in batch)
        {
            item.Complete();
        }
    }

    private void Publish(IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        try
        {
            _sink()?.Publish(events);
        }
        catch (Exception e)
        {
            // Delivery is best effort; the log is the truth and clients catch up from it.
            _logger.LogError(e, "Publishing {Count} events failed", events.Count);
        }
    }

    private void SafeRollback()
    {
        try
        {
            _tx.Rollback();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Rollback failed");
        }
    }

    private abstract class WorkItem(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract void Run(SqliteTx tx);

        public abstract void Fail(Exception error);

        /// <summary>Completes the caller with its result, unless it already failed.</summary>
        public abstract void Complete();
    }

    private sealed class WorkItem<T>(Func<SqliteTx, T> work, CancellationToken cancellationToken) : WorkItem(cancellationToken)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private bool _failed;

        public Task<T> Task => _completion.Task;

        public override void Run(SqliteTx tx) => _result = work(tx);

        public override void Fail(Exception error)
        {
            _failed = true;
            _completion.TrySetException(error);
        }

        public override void Complete()
        {
            if (!_failed)
            {
                _completion.TrySetResult(_result!);
            }
        }
    }
}
