using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hallway.Core.Storage;

namespace Hallway.Core.Events;

/// <summary>Appends typed events to the log inside a write transaction.</summary>
public static class EventLog
{
    public static StoredEvent ToChat<T>(IWriteTx tx, long chatId, string type, T payload, JsonTypeInfo<T> info) =>
        tx.AppendEvent(chatId, null, type, JsonSerializer.Serialize(payload, info));

    public static StoredEvent ToUser<T>(IWriteTx tx, long userId, string type, T payload, JsonTypeInfo<T> info) =>
        tx.AppendEvent(null, userId, type, JsonSerializer.Serialize(payload, info));
}
