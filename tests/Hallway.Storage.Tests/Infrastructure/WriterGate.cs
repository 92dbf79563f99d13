using Hallway.Core.Storage;

namespace Hallway.Storage.Tests.Infrastructure;

/// <summary>
/// Holds the single writer inside one work item, so that everything queued meanwhile is taken
/// together as the next batch. No timing involved: the test waits until the writer is held,
/// queues, then releases.
/// </summary>
public sealed class WriterGate : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly ManualResetEventSlim _release = new();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WriterGate(IHallwayStore store) =>
        Done = store.WriteAsync(_ =>
        {
            _held.TrySetResult();
            return _release.Wait(HangGuard);
        });

    /// <summary>The gate's own write; true unless the hang guard fired.</summary>
    public Task<bool> Done { get; }

    public static async Task<WriterGate> HoldAsync(IHallwayStore store)
    {
        var gate = new WriterGate(store);
        await gate._held.Task.WaitAsync(HangGuard);
        return gate;
    }

    public async Task ReleaseAsync()
    {
        _release.Set();
        Assert.True(await Done, "the writer gate timed out");
    }

    /// <summary>Releases the writer (the event itself is left to the GC: the writer may still be waking on it).</summary>
    public void Dispose() => _release.Set();
}
