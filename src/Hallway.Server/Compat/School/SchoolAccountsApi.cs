using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Core.Presence;
using Hallway.Core.Storage;
using Hallway.Server.Api;
using Hallway.Server.Files;

namespace Hallway.Server.Compat.School;

/// <summary>The school messenger's /auth, /users and /admin routes over Hallway's accounts.</summary>
public static class SchoolAccountsApi
{
    /// <summary>The newest messages /admin/all-messages lists (the original listed every one).</summary>
    public const int AdminMessageLimit = 1000;

    public static void MapSchoolAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").ExcludeFromDescription();
        auth.MapPost("/register", RegisterAsync).RequireRateLimiting(AuthApi.AuthLimiter);
        auth.MapPost("/login", LoginAsync).RequireRateLimiting(AuthApi.AuthLimiter);
        auth.MapPost("/logout", LogoutAsync);
        auth.MapPost("/status", (Func<HttpContext, Task<IResult>>)StatusAsync);

        // Routing ignores a trailing slash: "/users" answers GET /users and GET /users/ alike, no 307.
        app.MapGet("/users", (HttpContext http, IHallwayStore store, PresenceTracker presence) => AllUsersAsync(http, store, presence, guests: false)).ExcludeFromDescription();
        app.MapGet("/users/me", (HttpContext http, PresenceTracker presence) => Json(SchoolViews.User(Caller(http).User, presence))).ExcludeFromDescription();
        app.MapGet("/users/{userId}", UserAsync).ExcludeFromDescription();

        app.MapGet("/admin/all-users", (HttpContext http, IHallwayStore store, PresenceTracker presence) =>
        {
            RequireAdmin(http);
            return AllUsersAsync(http, store, presence, guests: true);
        }).ExcludeFromDescription();
        app.MapGet("/admin/all-messages", AllMessagesAsync).ExcludeFromDescription();
    }

    /// <summary>
    /// The school client sends only the bearer header, never the web client's cookie, so only the
    /// header counts here: no cookie-carrying cross-site request can act on these routes.
    /// </summary>
    public static Caller Caller(HttpContext http)
    {
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new SchoolException(401, "Not authenticated");
        }

        return http.Items[typeof(Caller)] as Caller ?? throw new SchoolException(401, "Invalid token");
    }

    public static IResult Json<T>(T value) =>
        TypedResults.Json(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)SchoolJsonContext.Default.GetTypeInfo(typeof(T))!);

    private static Caller RequireAdmin(HttpContext http)
    {
        var caller = Caller(http);
        return caller.User.IsAdmin ? caller : throw new SchoolException(403, "Admin access required");
    }

    private static ClientInfo Client(HttpContext http) =>
        new(http.Request.Headers.UserAgent.ToString(), http.Connection.RemoteIpAddress?.ToString());

    /// <summary>
    /// Answers the new user, 200, as the original did. Registration does not sign in there, so the
    /// session Hallway's registration opens is closed at once (no phantom entry in "your sessions",
    /// and no session for an unauthenticated socket to bind to).
    /// </summary>
    private static async Task<IResult> RegisterAsync(HttpContext http, AccountService accounts, PresenceTracker presence)
    {
        var body = await SchoolBody.ReadAsync(http);
        var username = body.String("username");
        var password = body.String("password");
        body.ThrowIfInvalid();
        var signedIn = await accounts.RegisterAsync(username, null, password, Client(http));
        await accounts.LogoutAsync(new Caller(signedIn.User, signedIn.SessionId));
        return Json(SchoolViews.User(signedIn.User, presence));
    }

    private static async Task<IResult> LoginAsync(HttpContext http, AccountService accounts)
    {
        var body = await SchoolBody.ReadAsync(http);
        var username = body.String("username");
        var password = body.String("password");
        body.ThrowIfInvalid();
        var signedIn = await accounts.LoginAsync(username, password, Client(http));
        return Json(new SchoolToken(signedIn.Token, "bearer"));
    }

    /// <summary>Revokes this session; its sockets close, and presence goes offline if they were the last.</summary>
    private static async Task<IResult> LogoutAsync(HttpContext http, AccountService accounts)
    {
        var caller = Caller(http);
        await accounts.LogoutAsync(caller);
        return Json(new SchoolLogoutResult("success", "Successfully logged out", caller.Id));
    }

    /// <summary>
    /// Presence is the connections a user holds, so there is nothing to set: a caller's own status
    /// is acknowledged as the original did; the client's token-less call after losing its socket
    /// gets the original's 401.
    /// </summary>
    private static async Task<IResult> StatusAsync(HttpContext http)
    {
        var caller = Caller(http);
        var body = await SchoolBody.ReadAsync(http);
        var userId = body.Long("user_id");
        var online = body.Bool("is_online") ?? false;
        body.ThrowIfInvalid();
        if (userId != caller.Id)
        {
            throw new SchoolException(403, "Cannot update other user status");
        }

        var text = online ? "online" : "offline";
        return Json(new SchoolStatusResult("success", $"User {caller.Id} status updated to {text}", caller.Id, online));
    }

    /// <summary>
    /// Every account, the caller included: every account is in the Lobby. Text-gateway guests are
    /// the admin list's only: they come and go (reclaimed when idle), and the desktop client shows
    /// this list as its contacts, where they would crowd out the school's people, as in user search.
    /// </summary>
    private static async Task<IResult> AllUsersAsync(HttpContext http, IHallwayStore store, PresenceTracker presence, bool guests)
    {
        Caller(http);
        var users = await store.ReadAsync(r => r.GetLobby() is { } lobby
            ? r.GetUsers([.. r.ListMembers(lobby.Id).Select(m => m.UserId)])
            : []);
        return Json<IReadOnlyList<SchoolUser>>([.. users.Where(u => guests || !u.IsGuest).OrderBy(u => u.Id).Select(u => SchoolViews.User(u, presence))]);
    }

    private static async Task<IResult> UserAsync(string userId, HttpContext http, IHallwayStore store, PresenceTracker presence)
    {
        Caller(http);
        var id = SchoolMessagesApi.PathId(userId, "user_id");
        var user = await store.ReadAsync(r => r.GetUser(id)) ?? throw new SchoolException(404, "User not found");
        return Json(SchoolViews.User(user, presence));
    }

    /// <summary>The newest messages of every direct chat, newest first (groups have no place in this client).</summary>
    private static async Task<IResult> AllMessagesAsync(HttpContext http, IHallwayStore store, BlobStore blobs)
    {
        RequireAdmin(http);
        var loaded = await store.ReadAsync(r =>
        {
            var lobby = r.GetLobby();
            var userIds = lobby is null ? [] : r.ListMembers(lobby.Id).Select(m => m.UserId);
            var chats = userIds.SelectMany(r.ListChats).Where(c => c.Chat.Kind == ChatKind.Direct).Select(c => c.Chat.Id).Distinct().ToList();
            return chats
                .SelectMany(chat => r.History(chat, null, null, AdminMessageLimit))
                .OrderByDescending(m => m.Id)
                .Select(m => SchoolViews.Load(r, m))
                .OfType<SchoolViews.Loaded>()
                .Take(AdminMessageLimit)
                .ToList();
        });
        return Json(await SchoolViews.MessagesAsync(loaded, blobs, http.RequestAborted));
    }
}
