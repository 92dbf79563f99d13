using Hallway.Testing;

namespace Hallway.Server.Tests.Infrastructure;

/// <summary>One server per test class (xunit class fixture); each test makes its own users.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
