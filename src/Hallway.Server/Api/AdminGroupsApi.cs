using Hallway.Core.Admin;
using Hallway.Core.Chats;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Admin only: every group and channel, made for someone, and their members.</summary>
public static class AdminGroupsApi
{
    public static void MapAdminGroupsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/groups", async (HttpContext http, AdminGroupService groups) =>
            TypedResults.Ok(await groups.ListAsync(http.Caller())));
        api.MapPost("/groups", CreateAsync);
        api.MapGet("/groups/{chatId:long}/members", async (long chatId, HttpContext http, AdminGroupService groups) =>
            TypedResults.Ok(await groups.MembersAsync(http.Caller(), chatId)));
        api.MapPut("/groups/{chatId:long}/members/{userId:long}", async (long chatId, long userId, SetGroupMemberRequest body, HttpContext http, AdminGroupService groups) =>
            TypedResults.Ok(await groups.SetMemberAsync(http.Caller(), chatId, userId, body.Role)));
        api.MapDelete("/groups/{chatId:long}/members/{userId:long}", RemoveMemberAsync);
    }

    private static async Task<Created<AdminGroup>> CreateAsync(CreateGroupRequest body, HttpContext http, AdminGroupService groups)
    {
        var group = await groups.CreateAsync(http.Caller(), body.Kind, body.Title, body.Description, body.OwnerId, body.MemberIds);
        return TypedResults.Created($"/api/chats/{group.Chat.Id}", group);
    }

    private static async Task<NoContent> RemoveMemberAsync(long chatId, long userId, HttpContext http, AdminGroupService groups)
    {
        await groups.RemoveMemberAsync(http.Caller(), chatId, userId);
        return TypedResults.NoContent();
    }
}
