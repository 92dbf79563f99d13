using Hallway.Core.Accounts;
using Hallway.Core.Chats;
using Hallway.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hallway.Storage.Tests;

public sealed class RolesTests : StoreTest
{
    [Fact]
    public async Task ShareGroup_CountsGroupsAndChannels_NotTheLobbyOrDirectChats()
    {
        var (anna, boris, vera) = await Db.WriteAsync(tx => (Seed.User(tx, "anna"), Seed.User(tx, "boris"), Seed.User(tx, "vera")));
        await Db.WriteAsync(tx =>
        {
            var chat = tx.InsertChat(new NewChat(ChatKind.Direct, "", "", anna, ChatService.DirectKey(anna, boris), tx.Now));
            tx.InsertMember(chat, anna, MemberRole.Member);
            tx.InsertMember(chat, boris, MemberRole.Member);
            return chat;
        });
        Assert.False(await Db.ReadAsync(r => r.ShareGroup(anna, boris)));

        await Db.WriteAsync(tx => Seed.Group(tx, anna, vera));
        Assert.True(await Db.ReadAsync(r => r.ShareGroup(anna, vera)));
        Assert.True(await Db.ReadAsync(r => r.ShareGroup(vera, anna)));
        Assert.False(await Db.ReadAsync(r => r.ShareGroup(boris, vera)));
    }

    [Fact]
    public async Task ARoleOutsideTheThree_IsRefusedByTheDatabase()
    {
        var anna = await Db.WriteAsync(tx => Seed.User(tx, "anna"));
        using var connection = new SqliteConnection($"Data Source={Db.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE users SET role = 'overlord' WHERE id = {anna}";
        Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        Assert.Equal(UserRole.Student, (await Db.ReadAsync(r => r.GetUser(anna)))!.Role);
    }
}
