using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>Oversized bodies and strings, unknown ids, unknown routes and methods.</summary>
public sealed class ApiBadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int OneMiB = 1024 * 1024;

    private TestServer Server => fixture.Server;

    private static byte[] SendBody(int textLength) =>
        Encoding.UTF8.GetBytes($"{{\"clientId\": \"{TestData.ClientId()}\", \"text\": \"{new string('x', textLength)}\"}}");

    /// <summary>
    /// Sends with "Expect: 100-continue", as a careful client does with a big body: the server can
    /// refuse it from the headers without the client writing a byte of it into a closing connection.
    /// The client waits for the server's answer as long as it takes (a hang guard, not a delay).
    /// </summary>
    private static async Task<ApiResponse> SendExpectingContinueAsync(ApiClient api, HttpMethod method, string path, HttpContent content, bool chunked = false)
    {
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30), UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token);
        request.Headers.ExpectContinue = true;
        request.Headers.TransferEncodingChunked = chunked;
        using var raw = await http.SendAsync(request);
        return await ApiResponse.ReadAsync(raw);
    }

    [Theory]
    [InlineData("send")]
    [InlineData("edit")]
    [InlineData("profile")]
    [InlineData("create")]
    public async Task BodyOver1MiB_IsRejectedWith413RequestTooLarge(string target)
    {
        var ctx = await ApiBadJsonTests.SetupAsync(Server);
        var (method, path) = ApiBadJsonTests.Route(target, ctx);

        var response = await SendExpectingContinueAsync(ctx.User.Api, method, path, new ByteArrayContent(SendBody(OneMiB + 10)));

        response.AssertProblem(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        await ApiBadJsonTests.AssertNothingStoredAsync(Server, ctx);
    }

    [Fact]
    public async Task ChunkedBodyOver1MiB_IsRejectedWith413RequestTooLarge()
    {
        var ctx = await ApiBadJsonTests.SetupAsync(Server);
        // No Content-Length: the server only finds out while reading. The excess is kept small so
        // the client has written everything by the time the server answers.
        var content = new StreamContent(new MemoryStream(SendBody(OneMiB + 1000)));

        var response = await SendExpectingContinueAsync(ctx.User.Api, HttpMethod.Post, $"/api/chats/{ctx.ChatId}/messages", content, chunked: true);

        response.AssertProblem(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        await ApiBadJsonTests.AssertNothingStoredAsync(Server, ctx);
    }

    [Fact]
    public async Task BodyJustUnder1MiB_IsReadAndJudgedByTheRules()
    {
        var ctx = await ApiBadJsonTests.SetupAsync(Server);
        var response = await ctx.User.Api.SendRawAsync(HttpMethod.Post, $"/api/chats/{ctx.ChatId}/messages", SendBody(OneMiB - 200));

        response.AssertProblem(HttpStatusCode.BadRequest, "message_too_long");
        await ApiBadJsonTests.AssertNothingStoredAsync(Server, ctx);
    }

    [Fact]
    public async Task HugeStrings_AreRejectedWithTheFieldsCode()
    {
        var ctx = await ApiBadJsonTests.SetupAsync(Server);
        var huge = new string('h', 300_000);
        var api = ctx.User.Api;

        (await api.PostAsync($"/api/chats/{ctx.ChatId}/messages", new { clientId = TestData.ClientId(), text = huge })).AssertProblem(HttpStatusCode.BadRequest, "message_too_long");
        (await api.PostAsync($"/api/chats/{ctx.ChatId}/messages", new { clientId = huge, text = "x" })).AssertProblem(HttpStatusCode.BadRequest, "invalid_client_id");
        (await api.PatchAsync($"/api/messages/{ctx.MessageId}", new { text = huge })).AssertProblem(HttpStatusCode.BadRequest, "message_too_long");
        (await api.PatchAsync("/api/me", new { displayName = huge })).AssertProblem(HttpStatusCode.BadRequest, "invalid_display_name");
        (await api.PatchAsync("/api/me", new { about = huge })).AssertProblem(HttpStatusCode.BadRequest, "invalid_about");
        (await api.PostAsync("/api/chats", new { kind = "group", title = huge })).AssertProblem(HttpStatusCode.BadRequest, "invalid_title");
        (await api.PostAsync("/api/chats", new { kind = "group", title = "ok", description = huge })).AssertProblem(HttpStatusCode.BadRequest, "invalid_description");
        (await api.PostAsync("/api/account/password", new { currentPassword = ctx.User.Password, newPassword = huge })).AssertProblem(HttpStatusCode.BadRequest, "invalid_password");
        (await api.GetAsync($"/api/search?q={new string('s', 2000)}")).AssertProblem(HttpStatusCode.BadRequest, "invalid_query");

        await ApiBadJsonTests.AssertNothingStoredAsync(Server, ctx);
    }

    [Fact]
    public async Task HugeStrings_OnRegisterAndLogin_AreRejectedQuickly()
    {
        using var anonymous = Server.Anonymous();
        var huge = new string('h', 300_000);

        (await anonymous.PostAsync("/api/auth/register", new { username = huge, password = ApiTestHelpers.Password })).AssertProblem(HttpStatusCode.BadRequest, "invalid_username");
        (await anonymous.PostAsync("/api/auth/register", new { username = TestData.Username("hp"), password = huge })).AssertProblem(HttpStatusCode.BadRequest, "invalid_password");
        (await anonymous.PostAsync("/api/auth/register", new { username = TestData.Username("hd"), password = ApiTestHelpers.Password, displayName = huge })).AssertProblem(HttpStatusCode.BadRequest, "invalid_display_name");
        (await anonymous.PostAsync("/api/auth/login", new { username = huge, password = huge })).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
    }

    public static readonly TheoryData<string, string, string> UnknownIds = new()
    {
        { "GET", "/api/chats/987654321", "chat_not_found" },
        { "GET", "/api/chats/987654321/messages", "chat_not_found" },
        { "GET", "/api/chats/987654321/members", "chat_not_found" },
        { "POST", "/api/chats/987654321/read", "chat_not_found" },
        { "PUT", "/api/chats/987654321/mute", "chat_not_found" },
        { "PATCH", "/api/chats/987654321", "chat_not_found" },
        { "DELETE", "/api/chats/987654321", "chat_not_found" },
        { "GET", "/api/search?q=hello&chatId=987654321", "chat_not_found" },
        { "GET", "/api/messages/987654321", "message_not_found" },
        { "PATCH", "/api/messages/987654321", "message_not_found" },
        { "DELETE", "/api/messages/987654321", "message_not_found" },
        { "GET", "/api/messages/987654321/readers", "message_not_found" },
        { "GET", "/api/users/987654321", "user_not_found" },
        { "PUT", "/api/contacts/987654321", "user_not_found" },
        { "POST", "/api/chats/direct", "user_not_found" },
        { "DELETE", "/api/sessions/987654321", "session_not_found" },
    };

    [Theory]
    [MemberData(nameof(UnknownIds))]
    public async Task UnknownId_Is404WithTheRightCode(string method, string path, string code)
    {
        var user = await Server.RegisterAsync();
        object? body = method switch
        {
            "POST" when path.EndsWith("/read", StringComparison.Ordinal) => new { seq = 1 },
            "POST" => new { userId = 987654321 },
            "PUT" when path.EndsWith("/mute", StringComparison.Ordinal) => new { muted = true },
            "PATCH" when path.StartsWith("/api/chats", StringComparison.Ordinal) => new { title = "t" },
            "PATCH" => new { text = "t" },
            _ => null,
        };

        var response = await user.Api.SendAsync(new HttpMethod(method), path, body);

        response.AssertProblem(HttpStatusCode.NotFound, code);
    }

    [Theory]
    [InlineData("GET", "/api/nope")]
    [InlineData("GET", "/api/chats/abc")]
    [InlineData("GET", "/api/chats/99999999999999999999999")]
    [InlineData("GET", "/api/messages/1.5")]
    [InlineData("POST", "/api/chats/1/nope")]
    [InlineData("GET", "/nope")]
    public async Task UnknownRoute_Is404WithACode(string method, string path)
    {
        var user = await Server.RegisterAsync();
        var response = await user.Api.SendAsync(new HttpMethod(method), path, null);
        response.AssertProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task UnknownRoute_Anonymous_Is404WithACode()
    {
        using var anonymous = Server.Anonymous();
        (await anonymous.GetAsync("/api/does-not-exist")).AssertProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("DELETE", "/api/me")]
    [InlineData("PUT", "/api/chats")]
    [InlineData("GET", "/api/auth/login")]
    public async Task WrongMethod_Is405MethodNotAllowed(string method, string path)
    {
        var user = await Server.RegisterAsync();
        var response = await user.Api.SendAsync(new HttpMethod(method), path, null);
        response.AssertProblem(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task Error_ForAClientAcceptingOnlyJson_IsStillAProblemWithACode()
    {
        var user = await Server.RegisterAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/chats/987654321");
        request.Headers.Accept.ParseAdd("application/json");

        using var raw = await user.Api.Http.SendAsync(request);
        var response = await ApiResponse.ReadAsync(raw);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("chat_not_found", response.Code);
    }

    [Theory]
    [InlineData("?limit=0", "invalid_limit")]
    [InlineData("?limit=501", "invalid_limit")]
    [InlineData("?after=-1", "invalid_after")]
    [InlineData("?after=abc", "bad_request")]
    public async Task Events_BadParameters_AreRejected(string query, string code)
    {
        var user = await Server.RegisterAsync();
        (await user.Api.GetAsync("/api/events" + query)).AssertProblem(HttpStatusCode.BadRequest, code);
    }

    [Theory]
    [InlineData("text/plain", "/api/chats/987654321", true, HttpStatusCode.NotFound, "chat_not_found")]
    [InlineData("text/html", "/api/chats/987654321", true, HttpStatusCode.NotFound, "chat_not_found")]
    [InlineData("application/xml", "/api/chats/987654321", true, HttpStatusCode.NotFound, "chat_not_found")]
    [InlineData("text/plain", "/api/me", false, HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData("text/html", "/api/me", false, HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData("text/plain", "/api/nope", true, HttpStatusCode.NotFound, "not_found")]
    public async Task Error_ForAClientNotAcceptingJson_KeepsItsStatusAndCode(string accept, string path, bool signedIn, HttpStatusCode status, string code)
    {
        // An error must never turn into a 500 because of the Accept header; servers may answer an
        // error in a type the client did not list (RFC 9110 §12.1), and PROTOCOL.md promises a code.
        var user = await Server.RegisterAsync();
        using var anonymous = Server.Anonymous();
        var client = signedIn ? user.Api : anonymous;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);

        using var raw = await client.Http.SendAsync(request);
        var response = await ApiResponse.ReadAsync(raw);

        response.AssertProblem(status, code);
    }
}
