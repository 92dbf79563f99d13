using Hallway.Cli.Tests.Infrastructure;
using Hallway.Testing;

namespace Hallway.Cli.Tests;

/// <summary>A bad setting, from any source, stops start-up with exit code 2 and one line per problem.</summary>
public sealed class BadSettingsTests : IDisposable
{
    private const string Prefix = "hallway: bad setting: ";
    private readonly string _workDir = TestData.TempFolder("cli-settings");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    private string Data => Path.Combine(_workDir, "data");

    [Fact]
    public async Task PortOutOfRange_OnTheCommandLine_ExitsTwoWithOneLine()
    {
        var result = await CliRun.RunAsync(_workDir, "serve", "--port", "70000", "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal(Prefix + "Hallway:Port must be 0 to 65535 (is 70000)", line);
        AssertNotStarted(result);
    }

    [Fact]
    public async Task PortThatIsNotANumber_InAnEnvironmentVariable_ExitsTwoNamingTheSetting()
    {
        var result = await CliRun.RunAsync(_workDir, Env(("HALLWAY__PORT", "abc")), "serve", "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith(Prefix, line, StringComparison.Ordinal);
        Assert.Contains("Hallway:Port", line, StringComparison.Ordinal);
        Assert.Contains("'abc'", line, StringComparison.Ordinal);
        AssertNotStarted(result);
    }

    [Fact]
    public async Task OutOfRangeValue_InAppsettingsJson_ExitsTwoNamingTheSetting()
    {
        await WriteAppsettingsAsync("""{ "Hallway": { "Limits": { "MaxPageSize": 0 } } }""");

        var result = await CliRun.RunAsync(_workDir, "serve", "--urls", "http://127.0.0.1:0", "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(Prefix + "Hallway:Limits:MaxPageSize must be 1 to 1000", Assert.Single(result.ErrorLines));
        AssertNotStarted(result);
    }

    [Fact]
    public async Task UnconvertibleValue_InAppsettingsJson_ExitsTwoNamingTheSetting()
    {
        await WriteAppsettingsAsync("""{ "Hallway": { "Realtime": { "KeepAliveInterval": "soon" } } }""");

        var result = await CliRun.RunAsync(_workDir, "serve", "--urls", "http://127.0.0.1:0", "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith(Prefix, line, StringComparison.Ordinal);
        Assert.Equal(Prefix + "Hallway:Realtime:KeepAliveInterval must be a time span such as 00:05:00 (is 'soon')", line);
    }

    [Fact]
    public async Task UnknownEnumValue_ListsTheValuesItMayHave()
    {
        await WriteAppsettingsAsync("""{ "Hallway": { "LogFormat": "xml" } }""");

        var result = await CliRun.RunAsync(_workDir, "serve", "--urls", "http://127.0.0.1:0", "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(Prefix + "Hallway:LogFormat must be one of text, json (is 'xml')", Assert.Single(result.ErrorLines));
        AssertNotStarted(result);
    }

    [Fact]
    public async Task MalformedAppsettingsJson_ExitsTwoWithOneLineNamingTheFile()
    {
        await WriteAppsettingsAsync("""{ "Hallway": { "Port": 8000, }""");

        var result = await CliRun.RunAsync(_workDir, "serve", "--urls", "http://127.0.0.1:0", "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("hallway: ", line, StringComparison.Ordinal);
        Assert.Contains("appsettings.json", line, StringComparison.Ordinal);
        AssertNotStarted(result);
    }

    [Theory]
    [InlineData("ftp://x")]
    [InlineData("not a url")]
    [InlineData("http://127.0.0.1:0;garbage")]
    public async Task UrlsThatAreNotHttp_ExitTwoNamingTheSetting(string urls)
    {
        var result = await CliRun.RunAsync(_workDir, "serve", "--urls", urls, "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith(Prefix + "Hallway:Urls", line, StringComparison.Ordinal);
        Assert.Contains(urls, line, StringComparison.Ordinal);
        AssertNotStarted(result);
    }

    [Fact]
    public async Task EmptyDataFolder_ExitsTwoNamingTheSetting()
    {
        var result = await CliRun.RunAsync(_workDir, "serve", "--urls", "http://127.0.0.1:0", "--data", "");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(Prefix + "Hallway:Data must name a folder", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task SeveralBadSettings_FromSeveralSources_AreAllReportedOneLineEach()
    {
        await WriteAppsettingsAsync("""{ "Hallway": { "MaxRequestBytes": 10 } }""");

        var result = await CliRun.RunAsync(_workDir, Env(("HALLWAY__LIMITS__MAXMESSAGELENGTH", "0")), "serve", "--port", "99999", "--urls", "ftp://x", "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.All(result.ErrorLines, l => Assert.StartsWith(Prefix, l, StringComparison.Ordinal));
        Assert.Equal(
            ["Hallway:Limits:MaxMessageLength", "Hallway:MaxRequestBytes", "Hallway:Port", "Hallway:Urls"],
            result.ErrorLines.Select(l => l[Prefix.Length..].Split(' ')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UploadLimitOfZero_InAnEnvironmentVariable_ExitsTwoNamingTheSetting()
    {
        var result = await CliRun.RunAsync(_workDir, Env(("HALLWAY__FILES__MAXUPLOADBYTES", "0")), "serve", "--urls", "http://127.0.0.1:0", "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(Prefix + "Hallway:Files:MaxUploadBytes must be 1024 to 4294967296", Assert.Single(result.ErrorLines));
        AssertNotStarted(result);
    }

    [Fact]
    public async Task PortThatIsNotANumber_OnTheCommandLine_ExitsTwoNamingTheOption()
    {
        var result = await CliRun.RunAsync(_workDir, "serve", "--port", "abc", "--data", Data);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(result.ErrorLines, l => l.Contains("--port", StringComparison.Ordinal) && l.Contains("abc", StringComparison.Ordinal));
        AssertNotStarted(result);
    }

    private static Dictionary<string, string> Env(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    private Task WriteAppsettingsAsync(string json) =>
        File.WriteAllTextAsync(Path.Combine(_workDir, "appsettings.json"), json);

    private void AssertNotStarted(CliResult result)
    {
        Assert.DoesNotContain("Listening on", result.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Stderr, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(Data, "hallway.db")), "a refused start created the database");
    }
}
