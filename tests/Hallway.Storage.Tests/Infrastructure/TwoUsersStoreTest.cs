namespace Hallway.Storage.Tests.Infrastructure;

/// <summary>A fresh store with Alice and Bob, a group they share and a group only Bob is in.</summary>
public abstract class TwoUsersStoreTest : StoreTest
{
    protected long Alice { get; private set; }

    protected long Bob { get; private set; }

    protected long Shared { get; private set; }

    protected long BobsOnly { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (Alice, Bob, Shared, BobsOnly) = await Db.WriteAsync(tx =>
        {
            var alice = Seed.User(tx);
            var bob = Seed.User(tx);
            return (alice, bob, Seed.Group(tx, alice, bob), Seed.Group(tx, bob));
        });
    }
}
