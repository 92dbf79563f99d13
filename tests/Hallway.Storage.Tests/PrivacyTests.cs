using Hallway.Core.Accounts;
using Hallway.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Tests;

/// <summary>Privacy settings as stored: defaults, round trips, contacts, and search that respects who_can_find.</summary>
public sealed class PrivacyTests : TwoUsersStoreTest
{
    private async Task<long[]> FindAsync(long callerId, string text = "") =>
        [.. (await Db.ReadAsync(r => r.SearchUsers(callerId, text, 50))).Select(u => u.Id)];

    private Task SetAsync(long userId, WhoCanMessage message, WhoCanFind find) =>
        Db.WriteAsync(tx =>
        {
            tx.SetPrivacy(userId, new Privacy(message, find));
            return 0;
        });

    [Fact]
    public async Task GetPrivacy_NewUser_HasTheDefaults_UnknownUserIsNull()
    {
        Assert.Equal(Privacy.Default, await Db.ReadAsync(r => r.GetPrivacy(Alice)));
        Assert.Null(await Db.ReadAsync(r => r.GetPrivacy(987654)));
    }

    [Fact]
    public async Task SetPrivacy_RoundTrips_AndTouchesOnlyThatUser()
    {
        await SetAsync(Alice, WhoCanMessage.Contacts, WhoCanFind.Nobody);

        Assert.Equal(new Privacy(WhoCanMessage.Contacts, WhoCanFind.Nobody), await Db.ReadAsync(r => r.GetPrivacy(Alice)));
        Assert.Equal(Privacy.Default, await Db.ReadAsync(r => r.GetPrivacy(Bob)));

        await SetAsync(Alice, WhoCanMessage.Everyone, WhoCanFind.Contacts);
        Assert.Equal(new Privacy(WhoCanMessage.Everyone, WhoCanFind.Contacts), await Db.ReadAsync(r => r.GetPrivacy(Alice)));
    }

    [Fact]
    public async Task IsContact_IsOneWay()
    {
        await Db.WriteAsync(tx => tx.AddContact(Alice, Bob));

        Assert.True(await Db.ReadAsync(r => r.IsContact(Alice, Bob)));
        Assert.False(await Db.ReadAsync(r => r.IsContact(Bob, Alice)));
    }

    [Fact]
    public async Task SearchUsers_Everyone_FindsAll()
    {
        Assert.Equal([Alice, Bob], (await FindAsync(Alice)).Order());
        Assert.Equal([Alice, Bob], (await FindAsync(Bob)).Order());
    }

    [Fact]
    public async Task SearchUsers_Contacts_OnlyTheUsersContactsAndThemselves()
    {
        var carol = await Db.WriteAsync(tx => Seed.User(tx));
        await Db.WriteAsync(tx => tx.AddContact(Alice, Bob));
        await SetAsync(Alice, WhoCanMessage.Everyone, WhoCanFind.Contacts);

        Assert.Contains(Alice, await FindAsync(Bob));
        Assert.DoesNotContain(Alice, await FindAsync(carol));
        Assert.Contains(Alice, await FindAsync(Alice));
    }

    [Fact]
    public async Task SearchUsers_Nobody_OnlyThemselves()
    {
        await Db.WriteAsync(tx => tx.AddContact(Alice, Bob));
        await SetAsync(Alice, WhoCanMessage.Everyone, WhoCanFind.Nobody);

        Assert.DoesNotContain(Alice, await FindAsync(Bob));
        Assert.Equal([Alice], await FindAsync(Alice, (await Db.ReadAsync(r => r.GetUser(Alice)))!.Username));
    }

    [Fact]
    public async Task Schema_RejectsUnknownSettingValues()
    {
        var error = await Assert.ThrowsAsync<SqliteException>(() => Db.WriteAsync(tx =>
            ((Sqlite.SqliteTx)tx).Exec("UPDATE users SET who_can_find = 'friends' WHERE id = $1", Alice)));
        Assert.Contains("CHECK", error.Message, StringComparison.Ordinal);
        Assert.Equal(Privacy.Default, await Db.ReadAsync(r => r.GetPrivacy(Alice)));
    }
}
