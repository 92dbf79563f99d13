using Hallway.Core.Admin;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>Anyone who can see a message may report it to the admins.</summary>
public static class ReportsApi
{
    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages/{messageId:long}/report", ReportAsync).WithTags("Messages").RequireAuthorization();
    }

    private static async Task<Created<ReportView>> ReportAsync(long messageId, ReportRequest body, HttpContext http, ModerationService moderation)
    {
        var report = await moderation.ReportAsync(http.Caller(), messageId, body.Reason);
        return TypedResults.Created($"/api/messages/{messageId}", ReportView.Of(report));
    }
}
