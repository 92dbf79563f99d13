using Hallway.Core.Storage;
using Hallway.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hallway.Testing;

/// <summary>
/// The real server (Kestrel on 127.0.0.1, a free port, a fresh SQLite file in its own folder),
/// in this process. Rate limits are raised so tests that register many users are not throttled;
/// tests of the limits set their own.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(WebApplication app, Uri baseAddress, string data)
    {
        App = app;
        BaseAddress = baseAddress;
        DataFolder = data;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string DataFolder { get; }

    public IHallwayStore Store => App.Services.GetRequiredService<IHallwayStore>();

    /// <param name="clock">The server's clock (database times, expiries, lockouts); the real one when null.</param>
    public static async Task<TestServer> StartAsync(IDictionary<string, string?>? settings = null, string? dataFolder = null, TimeProvider? clock = null)
    {
        var data = dataFolder ?? TestData.TempFolder("server");
        var all = new Dictionary<string, string?>
        {
            ["Hallway:Urls"] = "http://127.0.0.1:0",
            ["Hallway:Data"] = data,
            ["Hallway:RateLimits:AuthPerMinute"] = "100000",
            ["Hallway:RateLimits:WritesPerSecond"] = "100000",
            ["Hallway:Realtime:RequestBurst"] = "100000",
            ["Hallway:Realtime:RequestsPerSecond"] = "100000",
            ["Hallway:SignIn:FailuresPerAccount"] = "100000",
            ["Hallway:SignIn:FailuresPerAddress"] = "100000",
            // Guest limits are tested where they are set; load tests make thousands of guests.
            ["Hallway:Text:NewGuestsPerAddress"] = "100000",
            ["Hallway:Text:MaxGuests"] = "1000000",

            // Fixed ports would clash between test servers; the gateway tests ask for their own.
            ["Hallway:Text:Port"] = "0",
            ["Hallway:School:DiscoveryPort"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = HallwayServer.Build(all, b =>
        {
            b.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
            if (clock is not null)
            {
                b.Services.AddSingleton(clock);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, new Uri(address), data);
    }

    public ApiClient Anonymous() => new(BaseAddress);

    public Task<TestUser> RegisterAsync(string? username = null) => TestUser.RegisterAsync(BaseAddress, username);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
