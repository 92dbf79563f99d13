using Hallway.Core.Admin;
using Hallway.Core.Common;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Admin only: reports, deleting any message, reading any chat, and the audit log.</summary>
public static class AdminModerationApi
{
    public static void MapAdminModerationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reports", ListReportsAsync);
        api.MapPost("/reports/{reportId:long}/resolve", async (long reportId, ResolveReportRequest body, HttpContext http, ModerationService moderation) =>
            TypedResults.Ok(ReportView.Of(await moderation.ResolveAsync(http.Caller(), reportId, body.Action))));
        api.MapDelete("/messages/{messageId:long}", async (long messageId, HttpContext http, ModerationService moderation) =>
            TypedResults.Ok(await moderation.DeleteMessageAsync(http.Caller(), messageId)));
        api.MapGet("/chats/{chatId:long}/messages", async (long chatId, long? before, int? limit, HttpContext http, ModerationService moderation) =>
            TypedResults.Ok(await moderation.ReadChatAsync(http.Caller(), chatId, before, limit)));
        api.MapGet("/audit", AuditAsync);
    }

    private static async Task<Ok<IReadOnlyList<ReportView>>> ListReportsAsync(string? status, long? before, int? limit, HttpContext http, ModerationService moderation)
    {
        var open = status switch
        {
            null or "" or "open" => true,
            "resolved" => false,
            _ => throw Errors.BadRequest("status is open or resolved."),
        };
        var reports = await moderation.ListReportsAsync(http.Caller(), open, before, limit);
        return TypedResults.Ok<IReadOnlyList<ReportView>>([.. reports.Select(ReportView.Of)]);
    }

    private static async Task<Ok<IReadOnlyList<AuditEntryView>>> AuditAsync(long? before, int? limit, HttpContext http, AdminService admin)
    {
        var entries = await admin.AuditAsync(http.Caller(), before, limit);
        return TypedResults.Ok<IReadOnlyList<AuditEntryView>>([.. entries.Select(AuditEntryView.Of)]);
    }
}
