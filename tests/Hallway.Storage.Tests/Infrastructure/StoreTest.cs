namespace Hallway.Storage.Tests.Infrastructure;

/// <summary>A test class with its own fresh store (a temporary SQLite file), disposed after its tests.</summary>
public abstract class StoreTest : IAsyncLifetime
{
    protected TempStore Db { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Db = TempStore.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
