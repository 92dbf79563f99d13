using System.Net;
using System.Text.Json;
using Hallway.Server.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Server.Tests.Api;

/// <summary>The OpenAPI document describes the HTTP API.</summary>
public sealed class OpenApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task OpenApiDocument_IsServedAsJson()
    {
        using var anonymous = Server.Anonymous();
        var response = await anonymous.GetAsync("/openapi/v1.json");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("application/json", response.ContentType);
        Assert.StartsWith("3.", response.Json.Str("openapi"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, response.Json.GetProperty("info").ValueKind);
    }

    [Theory]
    [InlineData("/api/auth/register", "post")]
    [InlineData("/api/auth/login", "post")]
    [InlineData("/api/auth/logout", "post")]
    [InlineData("/api/sessions", "get")]
    [InlineData("/api/sessions/{sessionId}", "delete")]
    [InlineData("/api/account/password", "post")]
    [InlineData("/api/me", "get")]
    [InlineData("/api/me", "patch")]
    [InlineData("/api/users", "get")]
    [InlineData("/api/users/{userId}", "get")]
    [InlineData("/api/contacts/{userId}", "put")]
    [InlineData("/api/chats", "get")]
    [InlineData("/api/chats", "post")]
    [InlineData("/api/chats/direct", "post")]
    [InlineData("/api/chats/{chatId}", "get")]
    [InlineData("/api/chats/{chatId}/members", "post")]
    [InlineData("/api/chats/{chatId}/members/{userId}/role", "put")]
    [InlineData("/api/chats/{chatId}/messages", "get")]
    [InlineData("/api/chats/{chatId}/messages", "post")]
    [InlineData("/api/chats/{chatId}/read", "post")]
    [InlineData("/api/messages/{messageId}", "patch")]
    [InlineData("/api/messages/{messageId}", "delete")]
    [InlineData("/api/messages/{messageId}/reactions/{emoji}", "put")]
    [InlineData("/api/messages/{messageId}/readers", "get")]
    [InlineData("/api/search", "get")]
    [InlineData("/api/events", "get")]
    public async Task OpenApiDocument_ListsTheApiPath(string path, string method)
    {
        using var anonymous = Server.Anonymous();
        var paths = (await anonymous.GetAsync("/openapi/v1.json")).Json.GetProperty("paths");

        var names = paths.EnumerateObject().Select(p => p.Name).ToList();
        // A trailing slash on a group's root route ("/api/chats/") names the same path.
        var entry = names.FirstOrDefault(n => n.TrimEnd('/') == path);
        Assert.True(entry is not null, $"{path} is not in the document: {string.Join(", ", names)}");
        Assert.True(paths.GetProperty(entry).TryGetProperty(method, out _), $"{path} has no {method} operation");
    }

    [Fact]
    public async Task OpenApiDocument_DoesNotListTheLandingPage()
    {
        using var anonymous = Server.Anonymous();
        var paths = (await anonymous.GetAsync("/openapi/v1.json")).Json.GetProperty("paths");
        Assert.False(paths.TryGetProperty("/", out _));
    }
}
