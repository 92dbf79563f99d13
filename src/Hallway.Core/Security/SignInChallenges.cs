using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Hallway.Core.Accounts;
using Hallway.Core.Common;

namespace Hallway.Core.Security;

/// <summary>
/// The step between a right password and the second factor. A challenge is 32 random bytes
/// (base64url) kept in memory by its SHA-256 for <see cref="Lifetime"/>; it is taken out while a
/// code is checked (so two requests cannot use it at once), consumed by a right code, and put back
/// after a wrong one until <see cref="MaxAttempts"/>. In memory because it lives for minutes: a
/// restart only asks for the password again, and no database write is spent on a half sign-in.
/// </summary>
public sealed class SignInChallenges(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Wrong codes one challenge takes before it is dropped (the sign-in lockout counts them too).</summary>
    public const int MaxAttempts = 5;

    /// <summary>Challenges held at most; each needs a right password, so this is only a backstop.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    public (string Token, DateTimeOffset ExpiresAt) Create(long userId, string accountKey)
    {
        var now = time.GetUtcNow();
        if (_pending.Count >= MaxEntries)
        {
            Prune(now);
            if (_pending.Count >= MaxEntries)
            {
                throw Errors.RateLimited();
            }
        }

        var token = SessionTokens.Create();

        // Whole milliseconds, like every time on the wire.
        var expires = DateTimeOffset.FromUnixTimeMilliseconds((now + Lifetime).ToUnixTimeMilliseconds());
        var pending = new Pending(userId, accountKey, expires, 0);
        _pending[Key(token)] = pending;
        return (token, pending.ExpiresAt);
    }

    /// <summary>Takes the challenge out; null when unknown, expired or being checked by another request.</summary>
    public Pending? Take(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128 || !_pending.TryRemove(Key(token), out var pending))
        {
            return null;
        }

        return pending.ExpiresAt > time.GetUtcNow() ? pending : null;
    }

    /// <summary>
    /// Puts a taken challenge back: after a wrong code (<paramref name="countAttempt"/>) it may be
    /// tried again until its attempts or its time run out; after a refusal that checked no code
    /// (a lockout) it is as it was.
    /// </summary>
    public void Return(string token, Pending pending, bool countAttempt)
    {
        var next = countAttempt ? pending with { Attempts = pending.Attempts + 1 } : pending;
        if (next.Attempts < MaxAttempts && next.ExpiresAt > time.GetUtcNow())
        {
            _pending[Key(token)] = next;
        }
    }

    public void Prune(DateTimeOffset now)
    {
        foreach (var (key, pending) in _pending)
        {
            if (pending.ExpiresAt <= now)
            {
                _pending.TryRemove(key, out _);
            }
        }
    }

    private static string Key(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public sealed record Pending(long UserId, string AccountKey, DateTimeOffset ExpiresAt, int Attempts);
}
