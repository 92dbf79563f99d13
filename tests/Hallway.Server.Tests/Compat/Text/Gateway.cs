using Hallway.Core.Presence;
using Hallway.Server.Compat.Text;
using Hallway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hallway.Server.Tests.Compat.Text;

/// <summary>
/// A server of its own for each test: login and logout lines go to every text user, so two tests
/// sharing a server would see each other's.
/// </summary>
public sealed class Gateway : IAsyncDisposable
{
    /// <summary>
    /// Before login, over either transport: syntax errors come first (PROTOCOLS.md §1 checks them
    /// before the login check), then "First login!" for every valid command but login.
    /// </summary>
    public static readonly (string Command, string Reply)[] PreLoginTranscript =
    [
        ("bogus", "[ERROR] - unknown command"),
        ("LOGIN alice", "[ERROR] - unknown command"),
        ("Login alice", "[ERROR] - unknown command"),
        ("/", "[ERROR] - unknown command"),
        ("login", "[ERROR] - require username"),
        ("login a b", "[ERROR] - overage info"),
        ("logout x", "[ERROR] - overage info"),
        ("msg", "[ERROR] - overage info"),
        ("msg bob", "[ERROR] - empty message"),
        ("msgall", "[ERROR] - empty message"),
        ("msg bob hi", "[ERROR] - First login!"),
        ("msgall hi", "[ERROR] - First login!"),
        ("whoami", "[ERROR] - First login!"),
        ("/whoami", "[ERROR] - First login!"),
        ("whoami extra words", "[ERROR] - First login!"),
        ("userlist", "[ERROR] - First login!"),
        ("/userlist", "[ERROR] - First login!"),
        ("logout", "[ERROR] - First login!"),
        ("login ", "[ERROR] - Username already taken!"),
    ];

    private readonly List<IAsyncDisposable> _clients = [];

    private Gateway(TestServer server, int port)
    {
        Server = server;
        Port = port;
    }

    public TestServer Server { get; }

    public int Port { get; }

    public TextRoom Room => Server.App.Services.GetRequiredService<TextRoom>();

    public PresenceTracker Presence => Server.App.Services.GetRequiredService<PresenceTracker>();

    public static async Task<Gateway> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var (server, port) = await TextGatewayServer.StartAsync(settings, clock);
        return new Gateway(server, port);
    }

    public async Task<TextTcpClient> ConnectAsync(System.Net.IPAddress? source = null)
    {
        var client = await TextTcpClient.ConnectAsync(Port, source);
        _clients.Add(client);
        return client;
    }

    /// <summary>A TCP client logged in as <paramref name="name"/> (its own login line read).</summary>
    public async Task<TextTcpClient> LoginAsync(string name, System.Net.IPAddress? source = null)
    {
        var client = await ConnectAsync(source);
        await client.LoginAsync(name);
        return client;
    }

    public async Task<TextWsClient> WebSocketAsync()
    {
        var client = await TextWsClient.ConnectAsync(Server.BaseAddress);
        _clients.Add(client);
        return client;
    }

    /// <summary>Waits (bounded) until the server has let go of every text connection.</summary>
    public async Task WaitForNoConnectionsAsync()
    {
        for (var i = 0; i < 600 && Room.OpenCount > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, Room.OpenCount);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
