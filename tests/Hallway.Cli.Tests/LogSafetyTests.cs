using System.Net;
using System.Text.Json;
using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Cli.Tests;

/// <summary>
/// The console log: JSON when asked, one object a line; and whatever the format, no password,
/// token or message text in it, even with Hallway's categories at Debug.
/// </summary>
public sealed class LogSafetyTests : IDisposable
{
    private readonly string _workDir = TestData.TempFolder("cli-logs");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public async Task ServerLog_NeverCarriesSecretsOrMessageText(string format)
    {
        const string password = "Pw-Secret-4711 horse";
        const string messageText = "Message-Secret-9931 about the exam";
        await using var server = await ServerProcess.StartAsync(_workDir, new Dictionary<string, string> { ["Logging__LogLevel__Hallway"] = "Debug" },
            "serve", "--urls", "http://127.0.0.1:0", "--data", "data", "--log-format", format);

        await TestUser.RegisterAsync(server.BaseAddress); // the first account is the admin; the next is not
        var user = await TestUser.RegisterAsync(server.BaseAddress, TestData.Username("log"), password);
        using var anonymous = new ApiClient(server.BaseAddress);
        var wrong = await anonymous.PostAsync("/api/auth/login", new { username = user.Username, password = password + "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        (await anonymous.PostAsync("/api/auth/login", new { username = user.Username, password })).EnsureSuccess();
        var lobby = (await user.Api.GetAsync("/api/chats")).EnsureSuccess().Json.EnumerateArray()
            .Select(c => c.GetProperty("chat")).Single(c => c.GetProperty("kind").GetString() == "lobby").GetProperty("id").GetInt64();
        await user.SendAsync(lobby, messageText);
        var (socket, _) = await user.OpenAsync();
        await socket.DisposeAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Api.PutAsync("/api/admin/settings/direct-messages", new { policy = "staff-only" })).Status);

        Assert.Equal(0, await server.TerminateAsync());
        var output = server.Stdout.Concat(server.Stderr).ToList();
        foreach (var secret in new[] { password, messageText, user.Token, "Pw-Secret", "Message-Secret" })
        {
            Assert.DoesNotContain(output, line => line.Contains(secret, StringComparison.Ordinal));
        }

        // The refused sign-in is there, by route and code, so an operator can see it.
        var refusal = Assert.Single(output, l => l.Contains("bad_credentials", StringComparison.Ordinal));
        Assert.True(refusal.Contains("/api/auth/login", StringComparison.Ordinal), refusal);
        Assert.Contains(output, l => l.Contains("not_admin", StringComparison.Ordinal));
        if (format == "json")
        {
            using var entry = JsonDocument.Parse(refusal);
            Assert.Equal("Information", entry.RootElement.GetProperty("LogLevel").GetString());
            Assert.Equal("bad_credentials", entry.RootElement.GetProperty("State").GetProperty("Code").GetString());
            Assert.All(output.Where(l => l.StartsWith('{')), l => JsonDocument.Parse(l).Dispose());
        }
    }
}
