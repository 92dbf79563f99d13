using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hallway.Core.Events;

namespace Hallway.Server.Realtime;

/// <summary>Builds server frames as UTF-8 JSON, each exactly once however many sockets it goes to.</summary>
internal static class Frames
{
    public static byte[] Event(StoredEvent e) => Build(w =>
    {
        w.WriteString("type", "event");
        w.WritePropertyName("data");
        WriteEvent(w, e);
    });

    /// <summary>The event object, shared by the WebSocket frame and GET /api/events.</summary>
    public static void WriteEvent(Utf8JsonWriter w, StoredEvent e)
    {
        w.WriteStartObject();
        w.WriteNumber("id", e.Id);
        w.WriteString("type", e.Type);
        WriteNullable(w, "chatId", e.ChatId);
        WriteNullable(w, "userId", e.UserId);
        w.WriteString("at", e.CreatedAt);
        w.WritePropertyName("payload");
        w.WriteRawValue(e.Payload, skipInputValidation: true);
        w.WriteEndObject();
    }

    public static byte[] Ok<T>(string? id, T data, JsonTypeInfo<T> info) => Build(w =>
    {
        w.WriteString("type", "ok");
        WriteId(w, id);
        w.WritePropertyName("data");
        JsonSerializer.Serialize(w, data, info);
    });

    public static byte[] Error(string? id, string code, string message) => Build(w =>
    {
        w.WriteString("type", "error");
        WriteId(w, id);
        w.WritePropertyName("data");
        JsonSerializer.Serialize(w, new ErrorData(code, message), RealtimeJsonContext.Default.ErrorData);
    });

    public static byte[] Signal<T>(string type, T data, JsonTypeInfo<T> info) => Build(w =>
    {
        w.WriteString("type", type);
        w.WritePropertyName("data");
        JsonSerializer.Serialize(w, data, info);
    });

    private static void WriteId(Utf8JsonWriter w, string? id)
    {
        if (id is null)
        {
            w.WriteNull("id");
        }
        else
        {
            w.WriteString("id", id);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is long v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static byte[] Build(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
