using Hallway.Core.Accounts;
using Hallway.Core.Files;
using Hallway.Core.Messages;
using Hallway.Storage.Sqlite;
using Hallway.Storage.Tests.Infrastructure;
using Hallway.Testing;
using static Hallway.Storage.Tests.Infrastructure.LegacyDatabase;

namespace Hallway.Storage.Tests;

/// <summary>Every older schema version upgrades to the latest on open, keeping its data.</summary>
public sealed class MigrationUpgradeTests : IDisposable
{
    private readonly string _folder = TestData.TempFolder("migrate");

    public static TheoryData<int> OlderLevels => [.. Enumerable.Range(0, SqliteMigrator.LatestVersion)];

    public void Dispose() => TempStore.DeleteFolder(_folder);

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_UpgradesAnOlderDatabaseToTheLatestVersion(int level)
    {
        Create(_folder, level);
        Assert.Equal(level, Version(_folder));

        await using (var store = SqliteStore.Open(_folder))
        {
            Assert.NotNull(await store.ReadAsync(r => r.GetLobby()));
        }

        Assert.Equal(SqliteMigrator.LatestVersion, Version(_folder));
    }

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_KeepsUsersChatsMembersAndMessages(int level)
    {
        if (level < 1)
        {
            return; // level 0 has no tables, so no data to keep
        }

        Create(_folder, level);
        await using var store = SqliteStore.Open(_folder);

        var alice = await store.ReadAsync(r => r.GetUser(Alice));
        Assert.Equal(("Alice", "Alice A.", "about me"), (alice!.Username, alice.DisplayName, alice.About));
        Assert.Equal(Carol, (await store.ReadAsync(r => r.GetUserByKey("carol")))!.Id);
        Assert.Equal(3, await store.ReadAsync(r => r.CountUsers()));
        Assert.Equal(Alice, (await store.ReadAsync(r => r.FindSession([0x00, 0x11, 0x22, 0x33])))!.User.Id);

        var group = await store.ReadAsync(r => r.GetChat(GroupChat));
        Assert.Equal(("Book club", 3L), (group!.Title, group.LastSeq));
        Assert.Equal([Alice, Bob, Carol], (await store.ReadAsync(r => r.MemberIds(GroupChat))).Order());
        Assert.Equal(DirectChat, await store.ReadAsync(r => r.FindDirectChat("1:2")));

        var history = await store.ReadAsync(r => r.History(GroupChat, null, null, 10));
        Assert.Equal([1L, 2L, 3L], history.Select(m => m.Seq));
        Assert.Equal("The quick brown fox", history[0].Text);
        Assert.Equal([Bob], Assert.Single(history[0].Reactions).UserIds);
        Assert.True(history[2].Deleted);

        var events = await store.ReadAsync(r => r.EventsFor(Alice, 0, 100));
        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.Id));
    }

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_TurnsTheAdminFlagIntoRoles_AndStartsWithDefaultSettings(int level)
    {
        if (level < 1)
        {
            return;
        }

        Create(_folder, level);
        await using var store = SqliteStore.Open(_folder);

        Assert.Equal(UserRole.Admin, (await store.ReadAsync(r => r.GetUser(Alice)))!.Role);
        Assert.Equal(UserRole.Student, (await store.ReadAsync(r => r.GetUser(Bob)))!.Role);
        Assert.Equal(1, await store.ReadAsync(r => r.CountAdmins()));
        Assert.Equal(DirectMessagePolicy.Everyone, await store.ReadAsync(ServerSettings.DirectMessages));
        await store.WriteAsync(tx =>
        {
            tx.SetUserRole(Carol, UserRole.Teacher);
            tx.SetSetting(ServerSettings.DirectMessagesKey, "staff-only");
            return 0;
        });
        Assert.Equal(UserRole.Teacher, (await store.ReadAsync(r => r.GetUser(Carol)))!.Role);
        Assert.Equal(DirectMessagePolicy.StaffOnly, await store.ReadAsync(ServerSettings.DirectMessages));
    }

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_MarksOldUsersAsAccounts_AndGuestsDoNotCountAsUsers(int level)
    {
        if (level < 1)
        {
            return;
        }

        Create(_folder, level);
        await using var store = SqliteStore.Open(_folder);

        Assert.False((await store.ReadAsync(r => r.GetUser(Alice)))!.IsGuest);
        Assert.Equal(3, await store.ReadAsync(r => r.CountUsers()));
        var guest = await store.WriteAsync(tx => tx.InsertUser(new NewUser(
            "dave", "~dave", "dave", "", UserRole.Student, DateTimeOffset.UnixEpoch, IsGuest: true)));
        Assert.NotNull(guest);
        Assert.True((await store.ReadAsync(r => r.GetUser(guest!.Value)))!.IsGuest);
        Assert.Equal(3, await store.ReadAsync(r => r.CountUsers()));
    }

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_GivesOldAccountsNoSecondFactor_AndTakesInvitesCodesAndResetLinks(int level)
    {
        if (level < 1)
        {
            return;
        }

        Create(_folder, level);
        await using var store = SqliteStore.Open(_folder);

        Assert.Null(await store.ReadAsync(r => r.GetTwoFactor(Alice)));
        Assert.Equal(0, await store.ReadAsync(r => r.CountRecoveryCodes(Alice)));
        Assert.Empty(await store.ReadAsync(r => r.ListInvites(10)));
        Assert.Equal(RegistrationMode.Open, await store.ReadAsync(ServerSettings.Registration));

        byte[] invite = [1, 2, 3], code = [4, 5, 6], reset = [7, 8, 9];
        var used = await store.WriteAsync(tx =>
        {
            tx.InsertInvite(new NewInvite(invite, UserRole.Teacher, 1, Alice, tx.Now, tx.Now.AddHours(1)));
            tx.ReplaceRecoveryCodes(Bob, [code]);
            tx.SetTwoFactorPending(Bob, [42]);
            tx.EnableTwoFactor(Bob, 7);
            tx.SetPasswordReset(Carol, reset, Alice, tx.Now.AddHours(1));
            return (tx.UseInvite(invite), tx.UseInvite(invite));
        });

        Assert.Equal((UserRole.Teacher, (UserRole?)null), used);
        var secret = (await store.ReadAsync(r => r.GetTwoFactor(Bob)))!;
        Assert.Equal([42], secret.Secret);
        Assert.Equal((true, 7L), (secret.Enabled, secret.LastStep));
        Assert.True(await store.WriteAsync(tx => tx.UseRecoveryCode(Bob, code)));
        Assert.Equal(Carol, await store.WriteAsync(tx => tx.UsePasswordReset(reset)));
        Assert.Null(await store.WriteAsync(tx => tx.UsePasswordReset(reset)));
    }

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_GivesExistingUsersTheDefaultPrivacy_AndKeepsThemFindable(int level)
    {
        if (level < 1)
        {
            return;
        }

        Create(_folder, level);
        await using var store = SqliteStore.Open(_folder);

        foreach (var user in new[] { Alice, Bob, Carol })
        {
            Assert.Equal(Privacy.Default, await store.ReadAsync(r => r.GetPrivacy(user)));
        }

        Assert.Equal([Alice, Bob, Carol], (await store.ReadAsync(r => r.SearchUsers(Bob, string.Empty, 10))).Select(u => u.Id));
    }

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_OldRowsHaveNoFilesStickerOrAvatar(int level)
    {
        if (level < 1)
        {
            return;
        }

        Create(_folder, level);
        await using var store = SqliteStore.Open(_folder);

        var history = await store.ReadAsync(r => r.History(GroupChat, null, null, 10));
        Assert.All(history, m => Assert.Empty(m.Attachments));
        Assert.All(history, m => Assert.Null(m.Sticker));
        Assert.Equal("The quick brown fox", (await store.ReadAsync(r => r.GetMessage(1001)))!.Text);
        Assert.Null((await store.ReadAsync(r => r.GetUser(Alice)))!.AvatarId);
        Assert.Null((await store.ReadAsync(r => r.GetChat(GroupChat)))!.AvatarId);
        Assert.Empty(await store.ReadAsync(r => r.ListStickers(Alice)));
    }

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_UpgradedDatabaseTakesFilesOnOldUsersChatsAndMessages(int level)
    {
        if (level < 1)
        {
            return;
        }

        Create(_folder, level);
        var sha = new string('a', 64);
        await using (var store = SqliteStore.Open(_folder))
        {
            await store.WriteAsync(tx =>
            {
                var fileId = tx.InsertFile(new NewFile(Alice, "photo.png", 10, "image/png", 4, 3, sha, null, null));
                var messageId = tx.InsertMessage(new NewMessage(GroupChat, tx.NextSeq(GroupChat), Alice, "c-photo", "with a photo", null, tx.Now, FileCount: 1));
                tx.AttachFiles(messageId, [fileId], null);
                tx.SetUserAvatar(Alice, fileId);
                tx.SetChatAvatar(GroupChat, fileId);
                return tx.AddSticker(Bob, fileId);
            });
        }

        await using var reopened = SqliteStore.Open(_folder);
        var newest = (await reopened.ReadAsync(r => r.History(GroupChat, null, null, 10)))[^1];
        var photo = Assert.Single(newest.Attachments);
        Assert.Equal(("photo.png", "image/png", 4, 3), (photo.Name, photo.MediaType, photo.Width!.Value, photo.Height!.Value));
        Assert.Equal(photo.Id, (await reopened.ReadAsync(r => r.GetUser(Alice)))!.AvatarId);
        Assert.Equal(photo.Id, (await reopened.ReadAsync(r => r.GetChat(GroupChat)))!.AvatarId);
        Assert.True(await reopened.ReadAsync(r => r.CanReadFile(Carol, photo.Id))); // a member of the group
        Assert.True(await reopened.ReadAsync(r => r.BlobInUse(sha)));
        Assert.Empty((await reopened.ReadAsync(r => r.History(GroupChat, null, null, 10)))[0].Attachments);
    }

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_MakesOldMessagesSearchable(int level)
    {
        if (level < 1)
        {
            return;
        }

        Create(_folder, level);
        await using var store = SqliteStore.Open(_folder);

        var found = await store.ReadAsync(r => r.Search(Alice, MessageRules.SearchQuery("quick"), null, 10));
        Assert.Equal([1004L, 1001L], found.Select(m => m.Id));

        var asBob = await store.ReadAsync(r => r.Search(Bob, MessageRules.SearchQuery("lazy"), GroupChat, 10));
        Assert.Equal(1002L, Assert.Single(asBob).Id);

        // Carol is not in the direct chat: only the group's message.
        var asCarol = await store.ReadAsync(r => r.Search(Carol, MessageRules.SearchQuery("quick"), null, 10));
        Assert.Equal(1001L, Assert.Single(asCarol).Id);
    }

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_UpgradedDatabaseTakesNewWritesThatAreSearchable(int level)
    {
        Create(_folder, level);
        await using (var store = SqliteStore.Open(_folder))
        {
            await store.WriteAsync(tx =>
            {
                var dave = Seed.User(tx, "dave");
                var erin = Seed.User(tx, "erin");
                var chat = Seed.Group(tx, dave, erin);
                return Seed.Message(tx, chat, dave, "brand new zebra message");
            });
        }

        await using var reopened = SqliteStore.Open(_folder);
        var erinId = (await reopened.ReadAsync(r => r.GetUserByKey("erin")))!.Id;
        var found = await reopened.ReadAsync(r => r.Search(erinId, MessageRules.SearchQuery("zebra"), null, 10));
        Assert.Equal("brand new zebra message", Assert.Single(found).Text);
    }

    [Theory]
    [MemberData(nameof(OlderLevels))]
    public async Task Open_AfterUpgrade_NewEventIdsFollowTheOldOnes(int level)
    {
        Create(_folder, level);
        await using var store = SqliteStore.Open(_folder);
        var before = await store.ReadAsync(r => r.LastEventId());

        var appended = await store.WriteAsync(tx => Seed.UserEvent(tx, Seed.User(tx)));

        Assert.Equal(level >= 1 ? 4 : 0, before);
        Assert.True(appended.Id > before);
    }
}
