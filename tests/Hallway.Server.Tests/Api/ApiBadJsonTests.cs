using System.Net;
using System.Text;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>
/// Bodies that are not JSON, not UTF-8, or JSON of the wrong shape, sent to several write endpoints.
/// Each is a 400 with a precise code, and afterwards nothing was stored.
/// </summary>
public sealed class ApiBadJsonTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] TargetNames = ["send", "edit", "profile", "create", "read", "direct", "password"];

    public static TheoryData<string> Targets { get; } = new(TargetNames);

    private TestServer Server => fixture.Server;

    internal sealed record Ctx(TestUser User, long ChatId, long MessageId, long Cursor, int ChatCount);

    internal static async Task<Ctx> SetupAsync(TestServer server)
    {
        var user = await server.RegisterAsync();
        var chatId = await user.CreateChatAsync("group");
        var message = await user.SendAsync(chatId, "original");
        return new Ctx(user, chatId, message.Long("id"), await user.CursorAsync(), (await user.ChatsAsync()).Length);
    }

    internal static (HttpMethod Method, string Path) Route(string target, Ctx c) => target switch
    {
        "send" => (HttpMethod.Post, $"/api/chats/{c.ChatId}/messages"),
        "edit" => (HttpMethod.Patch, $"/api/messages/{c.MessageId}"),
        "profile" => (HttpMethod.Patch, "/api/me"),
        "create" => (HttpMethod.Post, "/api/chats"),
        "read" => (HttpMethod.Post, $"/api/chats/{c.ChatId}/read"),
        "direct" => (HttpMethod.Post, "/api/chats/direct"),
        "password" => (HttpMethod.Post, "/api/account/password"),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>History, profile, chat list, session and event log are all as they were.</summary>
    internal static async Task AssertNothingStoredAsync(TestServer server, Ctx c)
    {
        var history = await c.User.HistoryAsync(c.ChatId);
        var only = Assert.Single(history);
        Assert.Equal("original", only.Str("text"));
        Assert.True(only.IsNull("editedAt"));
        var me = (await c.User.Api.GetAsync("/api/me")).Json;
        Assert.Equal(c.User.Username.ToUpperInvariant(), me.Str("displayName"));
        Assert.Equal(string.Empty, me.Str("about"));
        Assert.Equal(c.ChatCount, (await c.User.ChatsAsync()).Length);
        await c.User.AssertNoNewEventsAsync(c.Cursor, c.ChatId);
        Assert.False(string.IsNullOrEmpty(await server.LoginAsync(c.User.Username, c.User.Password)));
    }

    private static Task<ApiResponse> SendAsync(Ctx ctx, string target, byte[] body, string contentType = "application/json")
    {
        var (method, path) = Route(target, ctx);
        return ctx.User.Api.SendRawAsync(method, path, body, contentType);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task MalformedJson_IsRejectedWithBadJson(string target)
    {
        var ctx = await SetupAsync(Server);
        foreach (var text in new[] { "{\"text\": \"x\"", "{text: 1}", "not json at all", "{\"text\": \"x\",}", "{'text': 'x'}" })
        {
            var response = await SendAsync(ctx, target, Encoding.UTF8.GetBytes(text));
            response.AssertProblem(HttpStatusCode.BadRequest, "bad_json");
            await AssertNothingStoredAsync(Server, ctx);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task WrongShape_IsRejectedWithBadRequest(string target)
    {
        string[] bodies = target switch
        {
            "send" => ["{\"text\": \"no client id\"}", "{\"clientId\": 5, \"text\": \"x\"}", "{\"clientId\": null, \"text\": \"x\"}", "{\"clientId\": \"c\", \"text\": \"x\", \"replyToId\": \"abc\"}"],
            "edit" => ["{}", "{\"text\": 42}", "{\"text\": null}", "{\"text\": [\"a\"]}"],
            "profile" => ["{\"displayName\": 5}", "{\"about\": {\"nested\": true}}", "{\"displayName\": true}"],
            "create" => ["{\"title\": \"no kind\"}", "{\"kind\": \"bogus\", \"title\": \"x\"}", "{\"kind\": \"group\", \"title\": \"x\", \"memberIds\": [\"a\"]}", "{\"kind\": \"GROUP!\", \"title\": \"x\"}", "{\"kind\": \"Group\", \"title\": \"x\"}"],
            "read" => ["{}", "{\"seq\": \"abc\"}", "{\"seq\": 1.5}", "{\"seq\": 99999999999999999999999}", "{\"seq\": null}"],
            "direct" => ["{}", "{\"userId\": \"someone\"}", "{\"userId\": []}"],
            "password" => ["{\"newPassword\": \"a new password\"}", "{\"currentPassword\": 1, \"newPassword\": \"a new password\"}"],
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
        var ctx = await SetupAsync(Server);
        foreach (var text in bodies.Concat(["[]", "\"just a string\"", "123"]))
        {
            var response = await SendAsync(ctx, target, Encoding.UTF8.GetBytes(text));
            Assert.True(response.Code == "bad_request", $"Body {text}: expected bad_request, got {(int)response.Status} {response.Code}: {response.Text}");
            response.AssertProblem(HttpStatusCode.BadRequest, "bad_request");
            await AssertNothingStoredAsync(Server, ctx);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task EmptyOrNullBody_IsRejectedWithBadRequest(string target)
    {
        var ctx = await SetupAsync(Server);
        foreach (var text in new[] { string.Empty, "null" })
        {
            var response = await SendAsync(ctx, target, Encoding.UTF8.GetBytes(text));
            Assert.True(response.Code == "bad_request", $"Body '{text}': expected bad_request, got {(int)response.Status} {response.Code}: {response.Text}");
            response.AssertProblem(HttpStatusCode.BadRequest, "bad_request");
            await AssertNothingStoredAsync(Server, ctx);
        }
    }

    /// <summary>Every target with each kind of broken UTF-8: a stray byte pair, an overlong form, an encoded surrogate, a cut sequence.</summary>
    public static TheoryData<string, string> BadUtf8 { get; } = CrossBadUtf8();

    private static TheoryData<string, string> CrossBadUtf8()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in TargetNames)
        {
            foreach (var hex in new[] { "FFFE", "C0AF", "EDA080", "E282" })
            {
                data.Add(target, hex);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadUtf8))]
    public async Task InvalidUtf8InsideAString_IsRejectedWithBadJson(string target, string hex)
    {
        // read and direct have no string fields: the bytes go into an extra (ignored) property.
        var field = target switch
        {
            "send" => "\"clientId\": \"c1\", \"text\"",
            "edit" => "\"text\"",
            "profile" => "\"displayName\"",
            "create" => "\"kind\": \"group\", \"title\"",
            "read" => "\"seq\": 1, \"extra\"",
            "direct" => "\"userId\": 1, \"extra\"",
            _ => "\"currentPassword\": \"whatever1\", \"newPassword\"",
        };
        var ctx = await SetupAsync(Server);
        var body = Encoding.UTF8.GetBytes("{" + field + ": \"abcdefgh").Concat(Convert.FromHexString(hex)).Concat(Encoding.UTF8.GetBytes("ijkl\"}")).ToArray();

        var response = await SendAsync(ctx, target, body);

        response.AssertProblem(HttpStatusCode.BadRequest, "bad_json");
        await AssertNothingStoredAsync(Server, ctx);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task InvalidUtf8OutsideStrings_IsRejectedWithBadJson(string target)
    {
        var body = Encoding.UTF8.GetBytes("{").Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes("}")).ToArray();
        var ctx = await SetupAsync(Server);
        var response = await SendAsync(ctx, target, body);
        response.AssertProblem(HttpStatusCode.BadRequest, "bad_json");
        await AssertNothingStoredAsync(Server, ctx);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task WrongContentType_IsRejectedWith415(string contentType)
    {
        var ctx = await SetupAsync(Server);
        foreach (var target in new[] { "send", "profile", "create" })
        {
            var body = target switch
            {
                "send" => "{\"clientId\": \"ct1\", \"text\": \"typed wrong\"}",
                "profile" => "{\"displayName\": \"Typed Wrong\"}",
                _ => "{\"kind\": \"group\", \"title\": \"typed wrong\"}",
            };
            var response = await SendAsync(ctx, target, Encoding.UTF8.GetBytes(body), contentType);
            response.AssertProblem(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
            await AssertNothingStoredAsync(Server, ctx);
        }
    }

    [Fact]
    public async Task JsonWithCharsetParameter_IsAccepted()
    {
        var ctx = await SetupAsync(Server);
        var response = await ctx.User.Api.SendRawAsync(HttpMethod.Post, $"/api/chats/{ctx.ChatId}/messages", Encoding.UTF8.GetBytes("{\"clientId\": \"cs1\", \"text\": \"fine\"}"), "application/json; charset=utf-8");
        response.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Register_MalformedOrWrongShape_IsRejectedAndCreatesNoAccount()
    {
        var name = TestData.Username("badjson");
        using var anonymous = Server.Anonymous();
        var malformed = await anonymous.SendRawAsync(HttpMethod.Post, "/api/auth/register", $"{{\"username\": \"{name}\", \"password\": \"long enough pw\"");
        var wrongShape = await anonymous.SendRawAsync(HttpMethod.Post, "/api/auth/register", $"{{\"username\": \"{name}\", \"password\": 12345678}}");
        var missing = await anonymous.SendRawAsync(HttpMethod.Post, "/api/auth/register", $"{{\"username\": \"{name}\"}}");

        malformed.AssertProblem(HttpStatusCode.BadRequest, "bad_json");
        wrongShape.AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        missing.AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        (await anonymous.PostAsync("/api/auth/login", new { username = name, password = "long enough pw" })).AssertProblem(HttpStatusCode.Unauthorized, "bad_credentials");
    }

    [Fact]
    public async Task MarkRead_NumberSentAsAString_IsRejectedWithBadRequest()
    {
        var ctx = await SetupAsync(Server);
        var response = await SendAsync(ctx, "read", Encoding.UTF8.GetBytes("{\"seq\": \"1\"}"));
        response.AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        await AssertNothingStoredAsync(Server, ctx);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("7")]
    public async Task Create_KindAsANumber_IsRejectedWithBadRequest(string kind)
    {
        // The wire contract spells kinds as words ("group"); enum ordinals are not part of it.
        var ctx = await SetupAsync(Server);
        var response = await SendAsync(ctx, "create", Encoding.UTF8.GetBytes($"{{\"kind\": {kind}, \"title\": \"numbered\"}}"));
        response.AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        await AssertNothingStoredAsync(Server, ctx);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("99")]
    public async Task SetRole_RoleAsANumber_IsRejectedWithBadRequest(string role)
    {
        var ctx = await SetupAsync(Server);
        var member = await Server.RegisterAsync();
        (await ctx.User.Api.PostAsync($"/api/chats/{ctx.ChatId}/members", new { userIds = new[] { member.Id } })).AssertStatus(HttpStatusCode.OK);
        var cursor = await ctx.User.CursorAsync();

        var response = await ctx.User.Api.SendRawAsync(HttpMethod.Put, $"/api/chats/{ctx.ChatId}/members/{member.Id}/role", Encoding.UTF8.GetBytes($"{{\"role\": {role}}}"));

        response.AssertProblem(HttpStatusCode.BadRequest, "bad_request");
        var members = (await ctx.User.Api.GetAsync($"/api/chats/{ctx.ChatId}/members")).Json.Items();
        Assert.Equal("member", members.Single(m => m.Long("userId") == member.Id).Str("role"));
        await ctx.User.AssertNoNewEventsAsync(cursor, ctx.ChatId);
    }
}
