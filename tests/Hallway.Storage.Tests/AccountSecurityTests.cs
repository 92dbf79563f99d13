using Hallway.Core.Accounts;
using Hallway.Storage.Tests.Infrastructure;

namespace Hallway.Storage.Tests;

/// <summary>Invites, reset links, recovery codes and TOTP steps at the storage level, on a clock the test moves.</summary>
public sealed class AccountSecurityTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private TempStore _store = null!;
    private long _alice;

    public async Task InitializeAsync()
    {
        _store = TempStore.Create(_clock);
        _alice = await _store.WriteAsync(tx => Seed.User(tx, "alice"));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task AnInvite_AdmitsUntilItsUsesItsExpiryOrItsRevocation()
    {
        byte[] code = [1], other = [2];
        var id = await _store.WriteAsync(tx =>
        {
            tx.InsertInvite(new NewInvite(other, UserRole.Student, 5, _alice, tx.Now, tx.Now.AddMinutes(1)));
            return tx.InsertInvite(new NewInvite(code, UserRole.Student, 2, _alice, tx.Now, tx.Now.AddHours(1)));
        });

        Assert.Equal(UserRole.Student, await _store.WriteAsync(tx => tx.UseInvite(code)));
        Assert.Equal(UserRole.Student, await _store.WriteAsync(tx => tx.UseInvite(code)));
        Assert.Null(await _store.WriteAsync(tx => tx.UseInvite(code)));
        Assert.Equal(2, (await _store.ReadAsync(r => r.GetInvite(id)))!.UsedCount);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await _store.WriteAsync(tx => tx.UseInvite(other))); // expired at exactly its time

        var revocable = await _store.WriteAsync(tx => tx.InsertInvite(new NewInvite([3], UserRole.Teacher, 5, _alice, tx.Now, tx.Now.AddHours(1))));
        Assert.True(await _store.WriteAsync(tx => tx.RevokeInvite(revocable)));
        var revokedAt = (await _store.ReadAsync(r => r.GetInvite(revocable)))!.RevokedAt;
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await _store.WriteAsync(tx => tx.RevokeInvite(revocable)));
        Assert.Equal(revokedAt, (await _store.ReadAsync(r => r.GetInvite(revocable)))!.RevokedAt);
        Assert.Null(await _store.WriteAsync(tx => tx.UseInvite([3])));
        Assert.False(await _store.WriteAsync(tx => tx.RevokeInvite(987654)));
        Assert.Equal([revocable, id, id - 1], (await _store.ReadAsync(r => r.ListInvites(10))).Select(i => i.Id));
    }

    [Fact]
    public async Task AResetLink_IsReplacedByTheNext_UsedOnce_AndDeadAfterItsExpiry()
    {
        await _store.WriteAsync(tx =>
        {
            tx.SetPasswordReset(_alice, [1], _alice, tx.Now.AddHours(1));
            tx.SetPasswordReset(_alice, [2], _alice, tx.Now.AddHours(1));
            return 0;
        });

        Assert.Null(await _store.ReadAsync(r => r.FindPasswordReset([1])));
        Assert.Null(await _store.WriteAsync(tx => tx.UsePasswordReset([1])));
        Assert.Equal(_alice, await _store.WriteAsync(tx => tx.UsePasswordReset([2])));
        Assert.Null(await _store.WriteAsync(tx => tx.UsePasswordReset([2])));

        await _store.WriteAsync(tx =>
        {
            tx.SetPasswordReset(_alice, [3], _alice, tx.Now.AddHours(1));
            return 0;
        });
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await _store.WriteAsync(tx => tx.UsePasswordReset([3])));
        Assert.Null(await _store.ReadAsync(r => r.FindPasswordReset([3]))); // an expired link is deleted when tried
    }

    [Fact]
    public async Task TotpSteps_OnlyMoveForward_AndANewSetUpStartsOver()
    {
        await _store.WriteAsync(tx =>
        {
            tx.SetTwoFactorPending(_alice, [9, 9]);
            return 0;
        });
        var pending = (await _store.ReadAsync(r => r.GetTwoFactor(_alice)))!;
        Assert.Equal([9, 9], pending.Secret);
        Assert.Equal((false, 0L), (pending.Enabled, pending.LastStep));

        await _store.WriteAsync(tx =>
        {
            tx.EnableTwoFactor(_alice, 100);
            return 0;
        });
        Assert.False(await _store.WriteAsync(tx => tx.UseTwoFactorStep(_alice, 100)));
        Assert.False(await _store.WriteAsync(tx => tx.UseTwoFactorStep(_alice, 99)));
        Assert.True(await _store.WriteAsync(tx => tx.UseTwoFactorStep(_alice, 101)));
        Assert.Equal(101, (await _store.ReadAsync(r => r.GetTwoFactor(_alice)))!.LastStep);

        Assert.True(await _store.WriteAsync(tx => tx.DeleteTwoFactor(_alice)));
        Assert.False(await _store.WriteAsync(tx => tx.DeleteTwoFactor(_alice)));
        Assert.Null(await _store.ReadAsync(r => r.GetTwoFactor(_alice)));
    }

    [Fact]
    public async Task RecoveryCodes_AreReplacedWhole_AndEachWorksOnce()
    {
        await _store.WriteAsync(tx =>
        {
            tx.ReplaceRecoveryCodes(_alice, [[1], [2], [3]]);
            tx.ReplaceRecoveryCodes(_alice, [[4], [5]]);
            return 0;
        });

        Assert.Equal(2, await _store.ReadAsync(r => r.CountRecoveryCodes(_alice)));
        Assert.False(await _store.WriteAsync(tx => tx.UseRecoveryCode(_alice, [1])));
        Assert.True(await _store.WriteAsync(tx => tx.UseRecoveryCode(_alice, [4])));
        Assert.False(await _store.WriteAsync(tx => tx.UseRecoveryCode(_alice, [4])));
        Assert.Equal(1, await _store.ReadAsync(r => r.CountRecoveryCodes(_alice)));
    }
}
