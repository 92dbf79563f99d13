using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Messages;
using Hallway.Core.Presence;
using Hallway.Core.Storage;
using Hallway.Server.Api;

namespace Hallway.Server.Realtime;

/// <summary>
/// Handles one client request and returns the answer frame. Each handler reaches its Core call
/// before its first await, so requests from one socket reach the writer in the order they arrived
/// even though several are in flight.
/// </summary>
public sealed class RequestHandlers(MessageService messages, TypingSignals typing, TimeProvider time)
{
    private static readonly RealtimeJsonContext J = RealtimeJsonContext.Default;

    public Task<byte[]> Start(Caller caller, string type, string? id, JsonElement data)
    {
        try
        {
            return type switch
            {
                "ping" => Task.FromResult(Frames.Ok(id, new PongResult(time.GetUtcNow()), J.PongResult)),
                "send" => SendAsync(caller, id, Parse(data, J.SendData)),
                "edit" => EditAsync(caller, id, Parse(data, J.EditData)),
                "delete" => DeleteAsync(caller, id, Parse(data, J.DeleteData)),
                "react" => ReactAsync(caller, id, Parse(data, J.ReactData)),
                "read" => ReadAsync(caller, id, Parse(data, J.ReadData)),
                "typing" => Task.FromResult(Typing(caller, id, Parse(data, J.TypingData))),
                _ => Task.FromResult(Frames.Error(id, "unknown_type", $"Unknown message type '{Clip(type)}'.")),
            };
        }
        catch (HallwayException error)
        {
            return Task.FromResult(Frames.Error(id, error.Code, error.Message));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A synchronous handler (typing) failed unexpectedly: answer, don't tear the socket down.
            return Task.FromException<byte[]>(error);
        }
    }

    /// <summary>Parses a request's data; a wrong shape is bad_request naming the field.</summary>
    public static T Parse<T>(JsonElement data, JsonTypeInfo<T> info)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw Errors.BadRequest("data must be a JSON object.");
        }

        try
        {
            return data.Deserialize(info) ?? throw Errors.BadRequest("data must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest(JsonErrors.Describe(e, "data"));
        }
    }

    private async Task<byte[]> SendAsync(Caller caller, string? id, SendData d) =>
        await Answer(id, async () =>
        {
            var result = await messages.SendAsync(caller, d.ChatId, d.ClientId, new MessageContent(d.Text, d.ReplyToId, d.Attachments, d.Sticker));
            typing.Stop(caller, d.ChatId);
            return Frames.Ok(id, new SendResponse(result.Message, result.Duplicate), J.SendResponse);
        });

    private async Task<byte[]> EditAsync(Caller caller, string? id, EditData d) =>
        await Answer(id, async () => Frames.Ok(id, new MessageResult(await messages.EditAsync(caller, d.MessageId, d.Text)), J.MessageResult));

    private async Task<byte[]> DeleteAsync(Caller caller, string? id, DeleteData d) =>
        await Answer(id, async () => Frames.Ok(id, new MessageResult(await messages.DeleteAsync(caller, d.MessageId)), J.MessageResult));

    private async Task<byte[]> ReactAsync(Caller caller, string? id, ReactData d) =>
        await Answer(id, async () => Frames.Ok(id, new MessageResult(await messages.ReactAsync(caller, d.MessageId, d.Emoji, add: d.Remove != true)), J.MessageResult));

    private async Task<byte[]> ReadAsync(Caller caller, string? id, ReadData d) =>
        await Answer(id, async () => Frames.Ok(id, new ReadResponse(d.ChatId, await messages.MarkReadAsync(caller, d.ChatId, d.Seq)), J.ReadResponse));

    private byte[] Typing(Caller caller, string? id, TypingData d)
    {
        typing.Start(caller, d.ChatId);
        return Frames.Ok(id, new TypingData(d.ChatId), J.TypingData);
    }

    private static async Task<byte[]> Answer(string? id, Func<Task<byte[]>> body)
    {
        try
        {
            return await body();
        }
        catch (HallwayException error)
        {
            return Frames.Error(id, error.Code, error.Message);
        }
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
