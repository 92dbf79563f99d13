using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Admin;

/// <summary>A server of the test class's own and its first account, who is therefore the admin.</summary>
public abstract class AdminServerTest : IAsyncLifetime
{
    protected TestServer Server { get; private set; } = null!;

    protected TestUser Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        Admin = await Server.RegisterAsync();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
