using Hallway.Core.Security;

namespace Hallway.Core.Tests.Security;

public sealed class SignInChallengesTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SignInChallenges _challenges;

    public SignInChallengesTests() => _challenges = new SignInChallenges(_time);

    [Fact]
    public void AChallenge_IsTakenOnce()
    {
        var (token, expires) = _challenges.Create(7, "anna");
        Assert.Equal(_time.GetUtcNow() + SignInChallenges.Lifetime, expires);

        var pending = _challenges.Take(token);
        Assert.Equal((7L, "anna", 0), (pending!.UserId, pending.AccountKey, pending.Attempts));
        Assert.Null(_challenges.Take(token));
    }

    [Fact]
    public void AChallenge_ExpiresAfterItsLifetime()
    {
        var (token, _) = _challenges.Create(7, "anna");
        _time.Advance(SignInChallenges.Lifetime);
        Assert.Null(_challenges.Take(token));
    }

    [Fact]
    public void WrongCodes_PutItBack_UntilTheAttemptsRunOut()
    {
        var (token, _) = _challenges.Create(7, "anna");
        for (var i = 1; i < SignInChallenges.MaxAttempts; i++)
        {
            _challenges.Return(token, _challenges.Take(token)!, countAttempt: true);
        }

        Assert.Equal(SignInChallenges.MaxAttempts - 1, _challenges.Take(token)!.Attempts);
        Assert.Null(_challenges.Take(token));
    }

    [Fact]
    public void ALockoutRefusal_PutsItBackUncounted()
    {
        var (token, _) = _challenges.Create(7, "anna");
        _challenges.Return(token, _challenges.Take(token)!, countAttempt: false);
        Assert.Equal(0, _challenges.Take(token)!.Attempts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown")]
    public void UnknownTokens_AreNothing(string? token) => Assert.Null(_challenges.Take(token));

    [Fact]
    public void Prune_ForgetsExpiredOnes()
    {
        var (old, _) = _challenges.Create(1, "a");
        _time.Advance(SignInChallenges.Lifetime);
        var (fresh, _) = _challenges.Create(2, "b");
        _challenges.Prune(_time.GetUtcNow());
        Assert.Null(_challenges.Take(old));
        Assert.NotNull(_challenges.Take(fresh));
    }
}
