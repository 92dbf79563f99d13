using System.Globalization;
using Hallway.Core.Chats;
using Hallway.Core.Messages;
using Hallway.Core.Storage;
using Hallway.Server.Files;
using Hallway.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Hallway.Server.Compat.School;

/// <summary>
/// The school messenger's /messages routes. A conversation with a contact is the Hallway direct
/// chat of the two; messages are Hallway messages, so the web client sees the same conversation.
/// </summary>
public static class SchoolMessagesApi
{
    public static void MapSchoolMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/messages").ExcludeFromDescription();
        group.MapGet("", ConversationAsync);
        group.MapPost("", SchoolSend.SendAsync);
        group.MapGet("/unread", UnreadAsync);
        group.MapPut("/{messageId}/read", MarkReadAsync);
        group.MapDelete("/{messageId}", DeleteAsync);
    }

    /// <summary>An id in the path, or FastAPI's 422 int_parsing.</summary>
    public static long PathId(string value, string name) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw SchoolException.Field("int_parsing", "Input should be a valid integer, unable to parse string as an integer", "path", name);

    private static long QueryInt(HttpContext http, string name, long? fallback, long min, long max)
    {
        var raw = http.Request.Query[name];
        if (raw.Count == 0)
        {
            return fallback ?? throw SchoolException.Field("missing", "Field required", "query", name);
        }

        if (!long.TryParse(raw[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw SchoolException.Field("int_parsing", "Input should be a valid integer, unable to parse string as an integer", "query", name);
        }

        return value < min ? throw SchoolException.Field("greater_than_equal", $"Input should be greater than or equal to {min}", "query", name)
            : value > max ? throw SchoolException.Field("less_than_equal", $"Input should be less than or equal to {max}", "query", name)
            : value;
    }

    /// <summary>Newest first, deleted ones left out; no chat yet is an empty list, as the original answered.</summary>
    private static async Task<IResult> ConversationAsync(HttpContext http, IHallwayStore store, BlobStore blobs)
    {
        var caller = SchoolAccountsApi.Caller(http);
        var contactId = QueryInt(http, "contact_id", null, long.MinValue, long.MaxValue);
        var limit = (int)QueryInt(http, "limit", 100, 1, 1000);
        var loaded = await store.ReadAsync(r =>
        {
            if (r.FindDirectChat(ChatService.DirectKey(caller.Id, contactId)) is not long chatId || r.GetMember(chatId, caller.Id) is null)
            {
                return [];
            }

            return r.History(chatId, null, null, limit).Reverse().Select(m => SchoolViews.Load(r, m)).OfType<SchoolViews.Loaded>().ToList();
        });
        var messages = await SchoolViews.MessagesAsync(loaded, blobs, http.RequestAborted);
        return SchoolAccountsApi.Json(new SchoolMessageList(messages, messages.Count));
    }

    /// <summary>Messages to the caller past their read marker in every direct chat, oldest first.</summary>
    private static async Task<IResult> UnreadAsync(HttpContext http, IHallwayStore store, BlobStore blobs, IOptions<HallwayOptions> options)
    {
        var caller = SchoolAccountsApi.Caller(http);
        var limit = options.Value.Limits.MaxPageSize * 10;
        var loaded = await store.ReadAsync(r => r.ListChats(caller.Id)
            .Where(c => c.Chat.Kind == ChatKind.Direct && c.UnreadCount > 0)
            .SelectMany(c => r.History(c.Chat.Id, null, c.ReadSeq, limit))
            .Where(m => m.SenderId != caller.Id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => SchoolViews.Load(r, m))
            .OfType<SchoolViews.Loaded>()
            .ToList());
        var messages = await SchoolViews.MessagesAsync(loaded, blobs, http.RequestAborted);
        return SchoolAccountsApi.Json(new SchoolMessageList(messages, messages.Count));
    }

    /// <summary>
    /// Unlike the original (any id, 200), the message must be one the caller received in a direct
    /// chat they are in; then their read marker there moves up to it, so the web client's ticks move.
    /// </summary>
    private static async Task<IResult> MarkReadAsync(string messageId, HttpContext http, IHallwayStore store, MessageService messages)
    {
        var caller = SchoolAccountsApi.Caller(http);
        var id = PathId(messageId, "message_id");
        var message = await store.ReadAsync(r => Visible(r, id, caller.Id)) ?? throw new SchoolException(404, "Message not found");
        if (message.SenderId != caller.Id)
        {
            await messages.MarkReadAsync(caller, message.ChatId, message.Seq);
        }

        return SchoolAccountsApi.Json(new SchoolReadResult("success", "Message marked as read"));
    }

    /// <summary>
    /// The sender, or a server admin (also in chats they are not in), tombstones the message; the
    /// message.deleted event it logs becomes message_deleted on both users' school sockets.
    /// </summary>
    private static async Task<IResult> DeleteAsync(string messageId, HttpContext http, IHallwayStore store, MessageService messages)
    {
        var caller = SchoolAccountsApi.Caller(http);
        var id = PathId(messageId, "message_id");
        var message = await store.ReadAsync(r => Visible(r, id, caller.User.IsAdmin ? null : caller.Id)) ?? throw new SchoolException(404, "Message not found");
        if (message.SenderId != caller.Id && !caller.User.IsAdmin)
        {
            throw new SchoolException(403, "Cannot delete other users messages");
        }

        await messages.ModerateOrDeleteAsync(caller, message);
        return SchoolAccountsApi.Json(new SchoolDeleteResult("success", "Message deleted", id));
    }

    private static Task ModerateOrDeleteAsync(this MessageService messages, Core.Accounts.Caller caller, Message message) =>
        message.SenderId == caller.Id ? messages.DeleteAsync(caller, message.Id) : messages.ModerateDeleteAsync(caller, message.Id);

    /// <summary>A live message of a direct chat that <paramref name="memberId"/> is in (any direct chat when null).</summary>
    private static Message? Visible(IReadTx r, long messageId, long? memberId)
    {
        var message = r.GetMessage(messageId);
        if (message is null || message.Deleted || r.GetChat(message.ChatId) is not { Kind: ChatKind.Direct })
        {
            return null;
        }

        return memberId is long member && r.GetMember(message.ChatId, member) is null ? null : message;
    }
}
