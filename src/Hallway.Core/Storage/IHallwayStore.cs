using Hallway.Core.Events;

namespace Hallway.Core.Storage;

/// <summary>
/// The storage seam. All writes run on one writer, which batches concurrent callers into one
/// transaction (group commit); each caller's work runs inside its own savepoint, so a caller that
/// throws rolls back only its own changes and its events.
/// </summary>
/// <remarks>
/// Work functions run synchronously on the writer and must not block on anything but the database.
/// After a commit the batch's events go to the <see cref="IEventSink"/> in id order, and only then
/// are the callers' tasks completed: an acknowledgement never overtakes the event it acknowledges.
/// </remarks>
public interface IHallwayStore : IAsyncDisposable
{
    Task<T> WriteAsync<T>(Func<IWriteTx, T> work, CancellationToken cancellationToken = default);

    Task<T> ReadAsync<T>(Func<IReadTx, T> query, CancellationToken cancellationToken = default);

    /// <summary>A synchronous read, for the fan-out path that must not yield (it runs on the writer).</summary>
    T Read<T>(Func<IReadTx, T> query);

    /// <summary>Where committed events go; set once by the host before the first write.</summary>
    void SetEventSink(IEventSink sink);
}
