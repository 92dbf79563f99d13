using Hallway.Core.Chats;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Chats: list, open a direct chat, create groups and channels, members, mute, hide.</summary>
public static class ChatsApi
{
    public static void MapChatsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chats").WithTags("Chats").RequireAuthorization();
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapPost("/direct", OpenDirectAsync);
        api.MapGet("/{chatId:long}", GetAsync);
        api.MapPatch("/{chatId:long}", UpdateAsync);
        api.MapPut("/{chatId:long}/avatar", async (long chatId, AvatarRequest body, HttpContext http, ChatService chats) =>
            TypedResults.Ok(await chats.SetAvatarAsync(http.Caller(), chatId, body.FileId)));
        api.MapDelete("/{chatId:long}/avatar", async (long chatId, HttpContext http, ChatService chats) =>
            TypedResults.Ok(await chats.SetAvatarAsync(http.Caller(), chatId, null)));
        api.MapDelete("/{chatId:long}", HideAsync);
        api.MapGet("/{chatId:long}/members", MembersAsync);
        api.MapPost("/{chatId:long}/members", AddMembersAsync);
        api.MapDelete("/{chatId:long}/members/{userId:long}", RemoveMemberAsync);
        api.MapPut("/{chatId:long}/members/{userId:long}/role", SetRoleAsync);
        api.MapPut("/{chatId:long}/mute", MuteAsync);
    }

    private static async Task<Ok<IReadOnlyList<ChatSummary>>> ListAsync(HttpContext http, ChatService chats) =>
        TypedResults.Ok(await chats.ListAsync(http.Caller()));

    private static async Task<Created<ChatSummary>> CreateAsync(CreateChatRequest body, HttpContext http, ChatService chats)
    {
        var chat = await chats.CreateAsync(http.Caller(), body.Kind, body.Title, body.Description, body.MemberIds);
        return TypedResults.Created($"/api/chats/{chat.Chat.Id}", chat);
    }

    private static async Task<Ok<ChatSummary>> OpenDirectAsync(OpenDirectRequest body, HttpContext http, ChatService chats) =>
        TypedResults.Ok(await chats.OpenDirectAsync(http.Caller(), body.UserId));

    private static async Task<Ok<ChatSummary>> GetAsync(long chatId, HttpContext http, ChatService chats) =>
        TypedResults.Ok(await chats.GetAsync(http.Caller(), chatId));

    private static async Task<Ok<Chat>> UpdateAsync(long chatId, UpdateChatRequest body, HttpContext http, ChatService chats) =>
        TypedResults.Ok(await chats.UpdateAsync(http.Caller(), chatId, body.Title, body.Description));

    private static async Task<NoContent> HideAsync(long chatId, HttpContext http, ChatService chats)
    {
        await chats.HideAsync(http.Caller(), chatId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<ChatMember>>> MembersAsync(long chatId, HttpContext http, ChatService chats) =>
        TypedResults.Ok(await chats.MembersAsync(http.Caller(), chatId));

    private static async Task<Ok<IReadOnlyList<ChatMember>>> AddMembersAsync(long chatId, AddMembersRequest body, HttpContext http, ChatService chats) =>
        TypedResults.Ok(await chats.AddMembersAsync(http.Caller(), chatId, body.UserIds));

    private static async Task<NoContent> RemoveMemberAsync(long chatId, long userId, HttpContext http, ChatService chats)
    {
        await chats.RemoveMemberAsync(http.Caller(), chatId, userId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SetRoleAsync(long chatId, long userId, SetRoleRequest body, HttpContext http, ChatService chats)
    {
        await chats.SetRoleAsync(http.Caller(), chatId, userId, body.Role);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> MuteAsync(long chatId, MuteRequest body, HttpContext http, ChatService chats)
    {
        await chats.MuteAsync(http.Caller(), chatId, body.Muted);
        return TypedResults.NoContent();
    }
}
