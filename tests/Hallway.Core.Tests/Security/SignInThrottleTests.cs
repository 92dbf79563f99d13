using Hallway.Core.Common;
using Hallway.Core.Security;

namespace Hallway.Core.Tests.Security;

public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SignInThrottle _throttle;

    public SignInThrottleTests() =>
        _throttle = new SignInThrottle(new SignInLimits { FailuresPerAccount = 3, FailuresPerAddress = 5, Lockout = TimeSpan.FromMinutes(1), MaxLockout = TimeSpan.FromMinutes(5) }, _time);

    [Fact]
    public void Failures_BelowTheThreshold_LockNothing()
    {
        Fail("anna", "10.0.0.1", 2);
        _throttle.RequireOpen("anna", "10.0.0.1");
    }

    [Fact]
    public void TheThresholdOfFailures_LocksTheName_ForTheLockout_WithRetryAfter()
    {
        Fail("anna", "10.0.0.1", 3);
        var locked = Assert.Throws<HallwayException>(() => _throttle.RequireOpen("anna", "10.0.0.2"));
        Assert.Equal("sign_in_locked", locked.Code);
        Assert.Equal(ErrorKind.RateLimited, locked.Kind);
        Assert.Equal(TimeSpan.FromMinutes(1), locked.RetryAfter);

        _throttle.RequireOpen("boris", "10.0.0.1"); // another name from the same address is not locked
        _time.Advance(TimeSpan.FromSeconds(61));
        _throttle.RequireOpen("anna", "10.0.0.1");
    }

    [Fact]
    public void EachFurtherLock_Doubles_UpToTheMaximum()
    {
        var expected = new[] { 1, 2, 4, 5, 5 };
        foreach (var minutes in expected)
        {
            Fail("anna", null, 3);
            var locked = Assert.Throws<HallwayException>(() => _throttle.RequireOpen("anna", null));
            Assert.Equal(TimeSpan.FromMinutes(minutes), locked.RetryAfter);
            _time.Advance(TimeSpan.FromMinutes(minutes));
        }
    }

    [Fact]
    public void ManyNamesFromOneAddress_LockTheAddress_ForEveryName()
    {
        for (var i = 0; i < 5; i++)
        {
            Fail("user" + i, "10.0.0.9", 1);
        }

        Assert.Equal("sign_in_locked", Assert.Throws<HallwayException>(() => _throttle.RequireOpen("someone-else", "10.0.0.9")).Code);
        _throttle.RequireOpen("someone-else", "10.0.0.10");
    }

    [Fact]
    public void ASuccess_ClearsTheNamesCount_ButNotTheAddresses()
    {
        Fail("anna", "10.0.0.1", 2);
        _throttle.Succeeded("anna");
        Fail("anna", "10.0.0.1", 2);
        _throttle.RequireOpen("anna", "10.0.0.1");

        Fail("other", "10.0.0.1", 1); // the address now has 5 failures
        Assert.Throws<HallwayException>(() => _throttle.RequireOpen("anna", "10.0.0.1"));
    }

    [Fact]
    public void OldFailures_AreForgotten_AndLockLengthsStartOver()
    {
        Fail("anna", null, 3);
        _time.Advance(TimeSpan.FromMinutes(1));
        Fail("anna", null, 2);
        _time.Advance(TimeSpan.FromHours(2));
        Fail("anna", null, 2);
        _throttle.RequireOpen("anna", null); // the two from two hours ago no longer count
        Fail("anna", null, 1);
        Assert.Equal(TimeSpan.FromMinutes(1), Assert.Throws<HallwayException>(() => _throttle.RequireOpen("anna", null)).RetryAfter);
    }

    [Fact]
    public void Prune_ForgetsQuietEntries_ButKeepsLocksInForce()
    {
        Fail("quiet", null, 1);
        _time.Advance(TimeSpan.FromHours(2));
        Fail("locked", null, 3);
        _throttle.Prune(_time.GetUtcNow());
        Assert.Throws<HallwayException>(() => _throttle.RequireOpen("locked", null));
        Fail("quiet", null, 2); // had its first failure forgotten: two more do not lock
        _throttle.RequireOpen("quiet", null);
    }

    private void Fail(string name, string? address, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _throttle.Failed(name, address);
        }
    }
}
