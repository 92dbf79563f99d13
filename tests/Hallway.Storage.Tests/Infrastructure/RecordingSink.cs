using Hallway.Core.Events;

namespace Hallway.Storage.Tests.Infrastructure;

/// <summary>Keeps every published batch; an optional probe runs inside Publish (on the writer thread).</summary>
public sealed class RecordingSink : IEventSink
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<StoredEvent>> _batches = [];

    public Action<IReadOnlyList<StoredEvent>>? OnPublish { get; set; }

    public IReadOnlyList<IReadOnlyList<StoredEvent>> Batches
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<StoredEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches.SelectMany(b => b)];
            }
        }
    }

    public void Publish(IReadOnlyList<StoredEvent> events)
    {
        OnPublish?.Invoke(events);
        lock (_lock)
        {
            _batches.Add([.. events]);
        }
    }
}
