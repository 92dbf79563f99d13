using System.Net;
using Hallway.Server.Hosting;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Security;

/// <summary><c>Limits:ResetLinkLifetime</c>: how long a reset link works, checked at start-up.</summary>
public sealed class ResetLinkSettingsTests
{
    [Theory]
    [InlineData("00:00:59")]
    [InlineData("-01:00:00")]
    [InlineData("30.00:00:01")]
    public async Task BadLifetimes_AreRefusedAtStartUp_NamingTheSetting(string value)
    {
        var data = TestData.TempFolder("bad-reset-setting");
        try
        {
            var error = await Assert.ThrowsAsync<SettingsException>(() =>
                TestServer.StartAsync(new Dictionary<string, string?> { ["Hallway:Limits:ResetLinkLifetime"] = value }, data));
            Assert.StartsWith("Hallway:Limits:ResetLinkLifetime must be", Assert.Single(error.Problems), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ALifetimeSet_IsTheLinksExpiry()
    {
        var clock = new TestClock();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Hallway:Limits:ResetLinkLifetime"] = "00:10:00" }, clock: clock);
        var admin = await server.RegisterAsync();
        var bob = await server.RegisterAsync();

        var link = await admin.Api.PostAsync($"/api/admin/users/{bob.Id}/reset-link");
        link.AssertStatus(HttpStatusCode.OK);
        Assert.InRange(link.Json.GetProperty("expiresAt").GetDateTimeOffset() - clock.GetUtcNow(), TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        clock.Advance(TimeSpan.FromMinutes(10));
        using var anonymous = server.Anonymous();
        (await anonymous.PostAsync("/api/auth/reset", new { token = link.Json.Str("token"), newPassword = "a reset password" }))
            .AssertProblem(HttpStatusCode.NotFound, "reset_invalid");
    }
}
