using Hallway.Core.Events;

namespace Hallway.Server.Realtime;

/// <summary>
/// A live connection the hub fans out to: the native WebSocket today, the compatibility gateways
/// later. Every method is called without blocking and must not block: queue, or close.
/// </summary>
public interface IRealtimeClient
{
    long UserId { get; }

    long SessionId { get; }

    /// <summary>A committed event of one of the user's chats, or addressed to the user.</summary>
    void Deliver(OutboundEvent outbound);

    /// <summary>An ephemeral signal (typing, presence) as a ready JSON frame.</summary>
    void Signal(byte[] frame);

    void Close(int code, string reason);
}

/// <summary>
/// An event on its way out, one instance shared by every recipient socket: its native JSON frame and
/// each gateway's rendering of it are made by the first socket that needs them and reused by the
/// rest, so an event is formatted once per format, not once per connection.
/// </summary>
public sealed class OutboundEvent(StoredEvent storedEvent)
{
    // Made on the first rendering: most events reach native sockets only and need none.
    private object?[]? _renderings;
    private byte[]? _json;

    public StoredEvent Event { get; } = storedEvent;

    public byte[] Json => _json ??= Frames.Event(Event);

    /// <summary>
    /// This event in a gateway's format (<see cref="Rendering"/> names the slots), made once:
    /// callers racing on the first use may each run <paramref name="render"/>, but all get the one
    /// result that was kept. Render to a Task to share an asynchronous rendering.
    /// </summary>
    public T Rendered<T>(int slot, Func<OutboundEvent, T> render)
        where T : class
    {
        var renderings = LazyInitializer.EnsureInitialized(ref _renderings, static () => new object?[Rendering.Count]);
        if (Volatile.Read(ref renderings[slot]) is T known)
        {
            return known;
        }

        var made = render(this);
        return Interlocked.CompareExchange(ref renderings[slot], made, null) as T ?? made;
    }
}

/// <summary>The gateways' slots in <see cref="OutboundEvent.Rendered"/>.</summary>
public static class Rendering
{
    public const int TextLines = 0;

    public const int Count = 1;
}
