using System.Collections.Concurrent;
using Hallway.Core.Common;

namespace Hallway.Core.Security;

/// <summary>
/// Slows password guessing down: after <see cref="SignInLimits.FailuresPerAccount"/> failed
/// sign-ins to one username, or <see cref="SignInLimits.FailuresPerAddress"/> from one address,
/// that name or address is locked for <see cref="SignInLimits.Lockout"/>, doubling with each
/// further lock up to <see cref="SignInLimits.MaxLockout"/>. Counting is by the name typed, known
/// or not, so a lock says nothing about whether an account exists. A success clears the
/// account's count (not the address's: one right password must not reset a guessing spree).
/// In memory: a restart forgets, which costs an attacker a restart they cannot cause.
/// </summary>
public sealed class SignInThrottle(SignInLimits limits, TimeProvider time)
{
    /// <summary>Entries kept at most; past it, the quiet ones are forgotten first.</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Throws sign_in_locked when the name or the address is locked now.</summary>
    public void RequireOpen(string accountKey, string? address)
    {
        var now = time.GetUtcNow();
        var wait = Max(LockedFor("u:" + accountKey, now), address is null ? TimeSpan.Zero : LockedFor("a:" + address, now));
        if (wait > TimeSpan.Zero)
        {
            throw Errors.SignInLocked(wait);
        }
    }

    public void Failed(string accountKey, string? address)
    {
        var now = time.GetUtcNow();
        Count("u:" + accountKey, limits.FailuresPerAccount, now);
        if (address is not null)
        {
            Count("a:" + address, limits.FailuresPerAddress, now);
        }

        if (_entries.Count > MaxEntries)
        {
            Prune(now);
        }
    }

    public void Succeeded(string accountKey) => _entries.TryRemove("u:" + accountKey, out _);

    /// <summary>Forgets entries with no failure for an hour and no lock in force.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            lock (entry)
            {
                if (entry.LockedUntil <= now && now - entry.LastFailure > limits.ForgetAfter)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    private TimeSpan LockedFor(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return TimeSpan.Zero;
        }

        lock (entry)
        {
            return entry.LockedUntil > now ? entry.LockedUntil - now : TimeSpan.Zero;
        }
    }

    private void Count(string key, int threshold, DateTimeOffset now)
    {
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            if (now - entry.LastFailure > limits.ForgetAfter)
            {
                entry.Failures = 0;
                entry.Locks = 0;
            }

            entry.LastFailure = now;
            entry.Failures++;
            if (entry.Failures >= threshold)
            {
                // Each lock after the first doubles, so a patient guesser gets a few tries an hour.
                var lockout = TimeSpan.FromTicks(Math.Min(limits.MaxLockout.Ticks, limits.Lockout.Ticks << Math.Min(entry.Locks, 20)));
                entry.LockedUntil = now + lockout;
                entry.Locks++;
                entry.Failures = 0;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Entry
    {
        public int Failures;
        public int Locks;
        public DateTimeOffset LastFailure = DateTimeOffset.MinValue;
        public DateTimeOffset LockedUntil = DateTimeOffset.MinValue;
    }
}

/// <summary>How many failed sign-ins lock a name or an address, and for how long.</summary>
public sealed class SignInLimits
{
    public int FailuresPerAccount { get; set; } = 5;

    public int FailuresPerAddress { get; set; } = 20;

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures older than this no longer count, and lock lengths start over.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);
}
