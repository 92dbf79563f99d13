using System.Net;
using Hallway.Core.Accounts;
using Hallway.Server.Tests.Api;
using Hallway.Testing;

namespace Hallway.Server.Tests.Compat.School;

/// <summary>
/// Guests of the text gateway (telnet's <c>login NAME</c>) are in the Lobby but not in the school
/// client's user list, which it shows as its contacts; the admin's list has everyone.
/// </summary>
public sealed class SchoolGuestsTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private int _textPort;

    public async Task InitializeAsync() => (_server, _textPort) = await TextGatewayServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task UserList_LeavesGuestsOut_AdminListHasThem()
    {
        var admin = await _server.SignUpAsync(); // the first account is the server's admin
        var alice = await _server.SignUpAsync();
        await using var telnet = await TextTcpClient.ConnectAsync(_textPort);
        await telnet.LoginAsync("visitor");
        var guest = await _server.Store.ReadAsync(r => r.GetUserByKey(GuestNames.Key("visitor")));
        Assert.NotNull(guest);
        Assert.True(guest.IsGuest);

        foreach (var path in new[] { "/users", "/users/" })
        {
            var users = await alice.Api.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, users.Status);
            var ids = users.Json.EnumerateArray().Select(u => u.Long("id")).ToList();
            Assert.Contains(alice.Id, ids);
            Assert.Contains(admin.Id, ids);
            Assert.DoesNotContain(guest.Id, ids);
        }

        // One guest can still be looked up by id (a message from one names it).
        Assert.Equal(HttpStatusCode.OK, (await alice.Api.GetAsync($"/users/{guest.Id}")).Status);
        var all = await admin.Api.GetAsync("/admin/all-users");
        Assert.Contains(all.Json.EnumerateArray(), u => u.Long("id") == guest.Id);
    }
}
