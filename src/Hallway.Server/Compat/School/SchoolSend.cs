using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Common;
using Hallway.Core.Files;
using Hallway.Core.Messages;
using Hallway.Core.Storage;
using Hallway.Server.Files;
using Hallway.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Compat.School;

/// <summary>
/// POST /messages: text, or a base64 file that becomes a real Hallway attachment (the same blob
/// store, metadata filter, content sniffing and size limit as an upload from the web), sent into
/// the direct chat. A photo's location and camera data are stripped before it is stored.
/// Everything that can fail is checked before anything is stored.
/// </summary>
public static class SchoolSend
{
    private static readonly string[] Types = ["text", "image", "file"];

    public static async Task<IResult> SendAsync(
        HttpContext http,
        IHallwayStore store,
        ChatService chats,
        MessageService messages,
        FileService files,
        BlobStore blobs,
        IOptions<HallwayOptions> options)
    {
        var caller = SchoolAccountsApi.Caller(http);
        var body = await SchoolBody.ReadAsync(http);
        var content = body.String("content");
        var receiverId = body.Long("receiver_id");
        var type = body.Choice("message_type", Types, "text");
        var fileData = body.String("file_data", required: false);
        body.ThrowIfInvalid();

        var settings = options.Value;
        var bytes = type is "image" or "file" && !string.IsNullOrEmpty(fileData) ? Decode(fileData, settings.Files.MaxUploadBytes) : null;
        var text = Text(content!, settings.Limits.MaxMessageLength, bytes is not null);
        var chat = await chats.OpenDirectAsync(caller, receiverId!.Value);

        long[]? attachments = null;
        if (bytes is not null)
        {
            var file = await StoreAsync(caller, bytes, content!, files, blobs, settings.Files.MaxUploadBytes, http.RequestAborted);
            attachments = [file.Id];
        }

        var sent = await messages.SendAsync(caller, chat.Chat.Id, Guid.NewGuid().ToString("N"), new MessageContent(text, null, attachments), http.RequestAborted);
        var loaded = await store.ReadAsync(r => SchoolViews.Load(r, sent.Message)) ?? throw new SchoolException(404, "Message not found");
        return SchoolAccountsApi.Json(await SchoolViews.MessageAsync(loaded, blobs, http.RequestAborted));
    }

    /// <summary>For a file the content is its caption (the client sends the file's name there); shown as-is otherwise.</summary>
    private static string Text(string content, int maxLength, bool hasFile)
    {
        try
        {
            return MessageRules.Text(content, maxLength, allowEmpty: hasFile);
        }
        catch (HallwayException e)
        {
            throw SchoolException.Field("value_error", "Value error, " + e.Message, "body", "content");
        }
    }

    private static byte[] Decode(string base64, long maxBytes)
    {
        // Reject by length first: never decode more than the limit allows.
        if ((long)base64.Length / 4 * 3 > maxBytes + 3)
        {
            throw new SchoolException(413, $"file_data is larger than {maxBytes} bytes");
        }

        var buffer = new byte[(base64.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written == 0)
        {
            throw SchoolException.Field("value_error", "Value error, file_data is not valid base64", "body", "file_data");
        }

        if (written > maxBytes)
        {
            throw new SchoolException(413, $"file_data is larger than {maxBytes} bytes");
        }

        return buffer[..written];
    }

    private static async Task<Attachment> StoreAsync(Caller caller, byte[] bytes, string content, FileService files, BlobStore blobs, long maxBytes, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var received = await blobs.ReceiveAsync(stream, maxBytes, () => Errors.FileTooLarge(maxBytes), cancellationToken);
        var kind = received.Sniff();
        var name = FileRules.Name(content.Contains('\n') ? null : content);
        if (name == "file" && kind.IsImage)
        {
            name = "image." + kind.MediaType["image/".Length..];
        }

        await blobs.Gate.WaitAsync(cancellationToken);
        try
        {
            blobs.Commit(received);
            return await files.RegisterAsync(new NewFile(caller.Id, name, received.Size, kind.MediaType, kind.Width, kind.Height, received.Sha256, null, null));
        }
        finally
        {
            blobs.Gate.Release();
        }
    }
}
