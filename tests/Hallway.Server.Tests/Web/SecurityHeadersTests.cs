using System.Net;
using Hallway.Server.Tests.Infrastructure;
using WebClient = Hallway.Server.Hosting.WebClient;

namespace Hallway.Server.Tests.Web;

/// <summary>
/// Every response carries the strict headers, errors included; Cross-Origin-Opener-Policy only
/// where the browser counts the origin trustworthy (on plain HTTP at a LAN name Chromium ignores
/// it and logs an error on every page load).
/// </summary>
public sealed class SecurityHeadersTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, bool> Hosts() => new()
    {
        { "127.0.0.1", true }, { "127.0.0.2", true }, { "localhost", true }, { "app.localhost", true }, { "[::1]", true },
        { "hallway.lan", false }, { "192.168.1.20", false }, { "localhost.example", false },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task StrictHeaders_OnEveryResponse_OpenerPolicyOnlyAtTrustworthyOrigins(string host, bool trustworthy)
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        foreach (var path in new[] { "/healthz", "/no-such-page", "/api/me" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = $"{host}:{fixture.Server.BaseAddress.Port}";
            using var response = await client.SendAsync(request);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);

            Assert.Equal(WebClient.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal(trustworthy, response.Headers.Contains("Cross-Origin-Opener-Policy"));
            if (trustworthy)
            {
                Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Opener-Policy")));
            }
        }
    }
}
