using System.Text.Json;
using Hallway.Core.Common;
using Hallway.Core.Storage;
using Hallway.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hallway.Server.Api;

/// <summary>
/// GET /api/events: the same log the WebSocket replays, for clients that poll instead (and for
/// tests). Returns the caller's events after <c>after</c>, oldest first.
/// </summary>
public static class EventsApi
{
    public const int MaxPage = 500;

    public static void MapEventsApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api").WithTags("Events").RequireAuthorization().MapGet("/events", ListAsync);

    private static async Task<Ok<EventsResponse>> ListAsync(long? after, int? limit, HttpContext http, IHallwayStore store)
    {
        var size = limit ?? MaxPage;
        if (size < 1 || size > MaxPage)
        {
            throw Errors.Invalid("limit", $"limit is 1 to {MaxPage}.");
        }

        if (after < 0)
        {
            throw Errors.Invalid("after", "after is an event id, 0 or more.");
        }

        var caller = http.Caller();
        var cursor = after ?? 0;
        if (cursor > 0 && cursor > await store.ReadAsync(r => r.LastEventId()))
        {
            throw Errors.CursorAhead();
        }

        // The newest id is read first: the page then holds every event of the caller up to it, so a
        // short page lets the cursor jump there without skipping anything.
        var (last, events) = await store.ReadAsync(r => (r.LastEventId(), r.EventsFor(caller.Id, cursor, size)));
        var views = events.Select(e => new EventView(e.Id, e.Type, e.ChatId, e.UserId, e.CreatedAt, Parse(e.Payload))).ToList();
        var lastSeen = views.Count > 0 ? views[^1].Id : cursor;
        return TypedResults.Ok(new EventsResponse(views, views.Count < size ? Math.Max(lastSeen, last) : lastSeen));
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
