using Hallway.Core.Chats;
using Hallway.Core.Messages;
using Hallway.Core.Presence;
using Hallway.Core.Storage;
using Hallway.Server.Auth;
using Hallway.Server.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>History, send, edit, delete, reactions, read markers, readers, search and typing.</summary>
public static class MessagesApi
{
    public static void MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Messages").RequireAuthorization();
        api.MapGet("/chats/{chatId:long}/messages", HistoryAsync);
        api.MapPost("/chats/{chatId:long}/messages", SendAsync);
        api.MapPost("/chats/{chatId:long}/read", MarkReadAsync);
        api.MapPost("/chats/{chatId:long}/typing", Typing);
        api.MapGet("/messages/{messageId:long}", GetAsync);
        api.MapPatch("/messages/{messageId:long}", EditAsync);
        api.MapDelete("/messages/{messageId:long}", DeleteAsync);
        api.MapPut("/messages/{messageId:long}/reactions/{emoji}", AddReactionAsync);
        api.MapDelete("/messages/{messageId:long}/reactions/{emoji}", RemoveReactionAsync);
        api.MapGet("/messages/{messageId:long}/readers", ReadersAsync);
        api.MapGet("/search", SearchAsync);
    }

    /// <summary>A page in seq order; <c>hasMore</c> says whether older (or, with after, newer) messages remain.</summary>
    private static async Task<Ok<HistoryResponse>> HistoryAsync(long chatId, long? before, long? after, int? limit, HttpContext http, MessageService messages)
    {
        var page = await messages.HistoryAsync(http.Caller(), chatId, before, after, limit);
        return TypedResults.Ok(new HistoryResponse(page.Messages, page.HasMore));
    }

    private static async Task<Results<Created<SendResponse>, Ok<SendResponse>>> SendAsync(long chatId, SendRequest body, HttpContext http, MessageService messages, TypingSignals typing)
    {
        var caller = http.Caller();
        var result = await messages.SendAsync(caller, chatId, body.ClientId, new MessageContent(body.Text, body.ReplyToId, body.Attachments, body.Sticker), http.RequestAborted);
        typing.Stop(caller, chatId);
        var response = new SendResponse(result.Message, result.Duplicate);
        return result.Duplicate
            ? TypedResults.Ok(response)
            : TypedResults.Created($"/api/messages/{result.Message.Id}", response);
    }

    private static async Task<Ok<ReadResponse>> MarkReadAsync(long chatId, ReadRequest body, HttpContext http, MessageService messages) =>
        TypedResults.Ok(new ReadResponse(chatId, await messages.MarkReadAsync(http.Caller(), chatId, body.Seq)));

    private static NoContent Typing(long chatId, HttpContext http, TypingSignals typing)
    {
        typing.Start(http.Caller(), chatId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Message>> GetAsync(long messageId, HttpContext http, MessageService messages) =>
        TypedResults.Ok(await messages.GetAsync(http.Caller(), messageId));

    private static async Task<Ok<Message>> EditAsync(long messageId, EditRequest body, HttpContext http, MessageService messages) =>
        TypedResults.Ok(await messages.EditAsync(http.Caller(), messageId, body.Text));

    private static async Task<Ok<Message>> DeleteAsync(long messageId, HttpContext http, MessageService messages) =>
        TypedResults.Ok(await messages.DeleteAsync(http.Caller(), messageId));

    private static async Task<Ok<Message>> AddReactionAsync(long messageId, string emoji, HttpContext http, MessageService messages) =>
        TypedResults.Ok(await messages.ReactAsync(http.Caller(), messageId, emoji, add: true));

    private static async Task<Ok<Message>> RemoveReactionAsync(long messageId, string emoji, HttpContext http, MessageService messages) =>
        TypedResults.Ok(await messages.ReactAsync(http.Caller(), messageId, emoji, add: false));

    private static async Task<Ok<IReadOnlyList<MessageReader>>> ReadersAsync(long messageId, HttpContext http, MessageService messages) =>
        TypedResults.Ok(await messages.ReadersAsync(http.Caller(), messageId));

    private static async Task<Ok<SearchResponse>> SearchAsync(string? q, long? chatId, int? limit, HttpContext http, MessageService messages) =>
        TypedResults.Ok(new SearchResponse(await messages.SearchAsync(http.Caller(), q, chatId, limit)));
}
