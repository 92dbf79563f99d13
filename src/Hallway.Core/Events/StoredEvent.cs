namespace Hallway.Core.Events;

/// <summary>
/// One row of the append-only event log. Exactly one audience is set: the members of
/// <see cref="ChatId"/>, or the sessions of <see cref="UserId"/>. <see cref="Payload"/> is the
/// event's JSON, serialized once when the change is written.
/// </summary>
public sealed record StoredEvent(
    long Id,
    long? ChatId,
    long? UserId,
    string Type,
    string Payload,
    DateTimeOffset CreatedAt);

/// <summary>Receives committed events, in id order, right after their transaction commits.</summary>
public interface IEventSink
{
    void Publish(IReadOnlyList<StoredEvent> events);
}
