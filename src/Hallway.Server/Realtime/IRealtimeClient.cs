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

/// <summary>An event on its way out; its JSON frame is built on first use and shared by every socket.</summary>
public sealed class OutboundEvent(StoredEvent storedEvent)
{
    private byte[]? _json;

    public StoredEvent Event { get; } = storedEvent;

    public byte[] Json => _json ??= Frames.Event(Event);
}
