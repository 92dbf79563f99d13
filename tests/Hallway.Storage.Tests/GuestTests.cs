using Hallway.Core.Accounts;
using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

/// <summary>Guests as stored: counted apart, out of user search unless asked for, and which are idle.</summary>
public sealed class GuestTests : TwoUsersStoreTest
{
    private Task<long> GuestAsync(string name, DateTimeOffset? lastSeen = null) =>
        Db.WriteAsync(tx =>
        {
            var id = tx.InsertUser(new NewUser(name, GuestNames.Key(name), name, string.Empty, UserRole.Student, tx.Now, IsGuest: true))!.Value;
            if (lastSeen is { } at)
            {
                tx.SetLastSeen(id, at);
            }

            return id;
        });

    [Fact]
    public async Task SearchUsers_LeavesGuestsOut_UnlessAsked_AndCountGuests_CountsOnlyThem()
    {
        var guest = await GuestAsync("user-visitor");

        var found = await Db.ReadAsync(r => r.SearchUsers(Alice, "user", 50));
        Assert.DoesNotContain(guest, found.Select(u => u.Id));
        Assert.Contains(Bob, found.Select(u => u.Id));
        Assert.Contains(guest, (await Db.ReadAsync(r => r.SearchUsers(Alice, "user", 50, guests: true))).Select(u => u.Id));
        Assert.Equal(1, await Db.ReadAsync(r => r.CountGuests()));
    }

    [Fact]
    public async Task ListIdleGuests_IsGuestsSeenBeforeTheCutoff_WithNoSession_NotDisabled()
    {
        var now = DateTimeOffset.UtcNow;
        var idle = await GuestAsync("idle", now.AddDays(-40));
        var recent = await GuestAsync("recent", now.AddDays(-1));
        var connected = await GuestAsync("connected", now.AddDays(-40));
        var disabled = await GuestAsync("blocked", now.AddDays(-40));
        await Db.WriteAsync(tx =>
        {
            tx.InsertSession(connected, [1, 2, 3], now.AddDays(1), "text gateway (telnet)", "127.0.0.1");
            tx.SetDisabled(disabled, true);
            tx.SetLastSeen(Alice, now.AddDays(-40)); // an account, never a guest
            return 0;
        });

        var found = await Db.ReadAsync(r => r.ListIdleGuests(now.AddDays(-30), 10));

        Assert.Equal([idle], found);
        Assert.DoesNotContain(recent, found);
    }
}
